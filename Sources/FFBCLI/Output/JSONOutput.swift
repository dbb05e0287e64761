import FFBJSON

/// JSON as `ffb` prints it: pretty by default, keys in the order commands build them, a final newline.
enum JSONOutput {
    static func text(_ value: JSONValue, pretty: Bool = true) -> String {
        JSONWriter(options: pretty ? [.prettyPrinted] : []).string(value) + "\n"
    }
}
