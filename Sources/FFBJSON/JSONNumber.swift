/// A JSON number that remembers whether its literal was an integer.
///
/// Exchange documents use numbers both for counts and levels (integers) and for
/// measurements (decimals), and JSON itself does not distinguish them. Keeping
/// the exact `Int64` next to the `Double` lets `level: 3` be read back as exactly
/// `3` even beyond 2^53, while decimals keep their nearest `Double`.
///
/// Equality is mathematical: `1`, `1.0` and `1e0` are equal, and so are `0` and
/// `-0`, as JSON Schema's `enum`, `const` and `uniqueItems` require.
public struct JSONNumber: Sendable, CustomStringConvertible {
    /// The value as a `Double` (rounded when the literal had more precision).
    public let double: Double

    /// The exact value when the literal was an integer (no fraction, no exponent)
    /// within `Int64`'s range; `nil` for decimals and for larger integers.
    public let int64: Int64?

    /// An integer number.
    public init(_ value: Int64) {
        self.double = Double(value)
        self.int64 = value
    }

    /// An integer number.
    public init(_ value: Int) {
        self.init(Int64(value))
    }

    /// A decimal number. Non-finite values cannot be written as JSON; the
    /// writer emits `null` for them.
    public init(_ value: Double) {
        self.double = value
        self.int64 = nil
    }

    /// Used by the parser, which already knows both representations.
    init(double: Double, int64: Int64?) {
        self.double = double
        self.int64 = int64
    }

    /// Whether the literal was written as an integer (`3`, not `3.0` or `3e0`).
    public var isIntegerLiteral: Bool { int64 != nil }

    /// Whether the value has no fractional part (`3`, `3.0` and `3e0` all do),
    /// which is what JSON Schema's `"integer"` type means.
    public var isInteger: Bool {
        int64 != nil || (double.isFinite && double.rounded(.towardZero) == double)
    }

    /// The value as an exact `Int64`, when it is integral and in range.
    public var exactInt64: Int64? {
        if let int64 { return int64 }
        return Self.exactInt64(double)
    }

    /// The JSON text of the number, as the writer produces it.
    public var description: String {
        var out: [UInt8] = []
        JSONWriter.appendNumber(self, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func exactInt64(_ double: Double) -> Int64? {
        // 2^63 is exactly representable; anything at or above it overflows Int64.
        guard double.isFinite, double.rounded(.towardZero) == double,
              double >= -9_223_372_036_854_775_808.0, double < 9_223_372_036_854_775_808.0
        else { return nil }
        return Int64(double)
    }
}

extension JSONNumber: Hashable {
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        switch (lhs.int64, rhs.int64) {
        case let (l?, r?):
            return l == r
        case let (l?, nil):
            // Comparing exactly avoids calling 2^53 + 1 equal to 2^53.
            return exactInt64(rhs.double) == l
        case let (nil, r?):
            return exactInt64(lhs.double) == r
        case (nil, nil):
            return lhs.double == rhs.double
        }
    }

    public func hash(into hasher: inout Hasher) {
        if let exact = exactInt64 {
            hasher.combine(exact)
        } else {
            hasher.combine(double)
        }
    }
}

extension JSONNumber: Comparable {
    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if let l = lhs.exactInt64, let r = rhs.exactInt64 { return l < r }
        return lhs.double < rhs.double
    }
}
