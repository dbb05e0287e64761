/// The known values nearest to a mistyped one, for a "did you mean" after an error.
///
/// Both texts are folded first (case, accents, æ ø å spelled either way, `-` `_` and spaces alike),
/// so "kobe ind" is the same as "Købe ind". Then a known value is close when it is a few edits
/// away (a third of the shorter text's length, at least one; none for one- or two-letter
/// texts), or when the typed text is its beginning or a part of it, covering at least half of
/// it (a beginning of whole words may be shorter). Only the nearest are suggested. No
/// suggestion is better than a silly one: "xyz" suggests nothing.
package struct ClosestMatches: Sendable {
    /// At most this many suggestions.
    package var limit: Int
    /// The most edits a suggestion may be away, when the length rule is too generous (random
    /// identifiers, where any text a third away is somebody else's).
    package var maxEdits: Int?

    package init(limit: Int = 3, maxEdits: Int? = nil) {
        self.limit = limit
        self.maxEdits = maxEdits
    }

    /// The `candidates` nearest to `typed`, in their order and spelling; those that fold alike once.
    package func among(_ candidates: some Sequence<String>, for typed: String) -> [String] {
        let typedKeys = Self.keys(typed)
        guard let shortest = typedKeys.map(\.count).min(), shortest > 0 else { return [] }
        var scored: [(cost: Int, order: Int, text: String, key: [Unicode.Scalar])] = []
        for (order, candidate) in candidates.enumerated() {
            let keys = Self.keys(candidate)
            var best: Int?
            for typedKey in typedKeys {
                for key in keys {
                    if let cost = cost(of: key, for: typedKey) { best = min(best ?? cost, cost) }
                }
            }
            if let best, let first = keys.first { scored.append((best, order, candidate, first)) }
        }
        // Only the nearest: one typo away leaves two typos away a guess too many.
        guard let bestCost = scored.map(\.cost).min() else { return [] }
        var seenKeys = Set<[Unicode.Scalar]>(), seenTexts = Set<String>()
        var result: [String] = []
        for match in scored where match.cost == bestCost {
            guard seenKeys.insert(match.key).inserted, seenTexts.insert(match.text).inserted else { continue }
            result.append(match.text)
            if result.count == limit { break }
        }
        return result
    }

    /// How far `candidate` is from `typed` (both folded), or nil when it is not close.
    private func cost(of candidate: [Unicode.Scalar], for typed: [Unicode.Scalar]) -> Int? {
        if candidate == typed { return 0 }
        let shorter = min(candidate.count, typed.count)
        let allowed = shorter < 3 ? 0 : min(max(1, shorter / 3), maxEdits ?? .max)
        if allowed > 0, abs(candidate.count - typed.count) <= allowed {
            let edits = EditDistance.between(typed, candidate)
            if edits <= allowed { return edits }
        }
        // A beginning or a part: "Købe" for "Købe ind", not "ind" for every "… ind"; a beginning
        // of whole words may be shorter ("Botilbud" for "Botilbud til voksne").
        let half = typed.count * 2 >= candidate.count
        if typed.count >= 3, candidate.starts(with: typed) {
            if half || (typed.count >= 4 && candidate[typed.count] == " ") { return 1 }
        }
        if half, typed.count >= 4, Self.contains(candidate, typed) { return 2 }
        return nil
    }

    private static func contains(_ text: [Unicode.Scalar], _ part: [Unicode.Scalar]) -> Bool {
        guard part.count <= text.count else { return false }
        return (0...(text.count - part.count)).contains { text[$0..<($0 + part.count)].elementsEqual(part) }
    }

    /// The folded spellings a text is compared by: æ ø å as ae oe aa, and as ae o a.
    static func keys(_ text: String) -> [[Unicode.Scalar]] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return [normalized(text.lowercased())] }
        let strict = normalized(TextFolding.fold(text)), loose = normalized(TextFolding.foldLoosely(text))
        return strict == loose ? [strict] : [strict, loose]
    }

    /// Hyphens, underscores and runs of white space become one space; the ends are trimmed.
    private static func normalized(_ text: String) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar == "-" || scalar == "_" || scalar.properties.isWhitespace {
                pendingSpace = !scalars.isEmpty
                continue
            }
            if pendingSpace { scalars.append(" ") }
            pendingSpace = false
            scalars.append(scalar)
        }
        return scalars
    }
}
