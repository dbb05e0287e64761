import FFBFuzzTargets

/// libFuzzer entry point for the "exchange" harness (built by Scripts/fuzz with -sanitize=fuzzer).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzTargets.all["exchange"]?(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
