import FFBFuzzTargets

/// libFuzzer entry point for the "tariff" harness (built by Scripts/fuzz with -sanitize=fuzzer).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzTargets.all["tariff"]?(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
