import FFBCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

exit(FFBMain.run(Array(CommandLine.arguments.dropFirst()), context: .standard()))
