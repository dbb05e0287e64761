extension String {
    /// Calls `body` with the string's UTF-8 bytes, contiguous, keeping `body`'s typed error:
    /// `String.withUTF8` rethrows as `any Error`, so the error is carried out in a `Result`.
    func withUTF8Buffer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws(SQLiteError) -> R) throws(SQLiteError) -> R {
        var text = self
        return try text.withUTF8 { buffer in Result { () throws(SQLiteError) in try body(buffer) } }.get()
    }
}
