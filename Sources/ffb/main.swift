import FFBCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
// Whole-store passes build arrays of tens of megabytes and free them. By default glibc raises its
// mmap threshold after the first such free and keeps later ones in the heap, where the freed
// space stays resident; a fixed 1 MB threshold maps every large array on its own and gives it
// back when freed (an export at 60,000 citizens peaks at 190 MB instead of 215 MB, issue 17).
// Looked up at run time: `mallopt` is glibc's, and not in the Glibc module.
if let mallopt = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
    let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in <malloc.h>
    _ = unsafeBitCast(mallopt, to: (@convention(c) (Int32, Int32) -> Int32).self)(mmapThreshold, 1 << 20)
}
#endif

exit(FFBMain.runProcess())
