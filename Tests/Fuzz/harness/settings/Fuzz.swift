import FFBFuzzTargets

/// libFuzzer entry point for the "settings" harness (built by Scripts/fuzz with -sanitize=fuzzer).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzTargets.all["settings"]?(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
