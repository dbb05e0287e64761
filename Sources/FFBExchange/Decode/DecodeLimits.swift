import FFBJSON

/// Bounds on what an exchange document may hold, so a hostile or broken file fails with a located
/// error instead of exhausting memory or the stack.
public enum DecodeLimits {
    /// Real documents nest about ten levels deep (a FHIR extension inside a reference inside a
    /// resource inside a bundle); 32 leaves room without inviting recursion bombs.
    public static let parser = JSONParser.Limits(
        maxDepth: 32,
        maxBytes: 64 << 20,
        maxStringBytes: 256 << 10,
        maxArrayCount: 200_000,
        maxObjectMembers: 1_000
    )

    /// Names, identifiers, case numbers, codes.
    public static let shortText = 200
    /// Notes and goal descriptions.
    public static let longText = 10_000
}
