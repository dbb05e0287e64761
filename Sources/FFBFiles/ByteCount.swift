/// A size as a message gives it: `64 MiB`, `16 KiB`, `300 bytes`.
package enum ByteCount {
    package static func text(_ bytes: Int) -> String {
        let mebibyte = 1 << 20
        let kibibyte = 1 << 10
        if bytes >= mebibyte, bytes % mebibyte == 0 { return "\(bytes / mebibyte) MiB" }
        if bytes >= kibibyte, bytes % kibibyte == 0 { return "\(bytes / kibibyte) KiB" }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
