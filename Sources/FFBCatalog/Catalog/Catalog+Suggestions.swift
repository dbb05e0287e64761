import FFBText

extension Catalog {
    /// The names of `kind` (of every kind when nil) nearest to a text that named none of them,
    /// for a "did you mean" (`ClosestMatches`: accents, case and small typos do not count).
    package func closestNames(to text: String, kind: CatalogKind?) -> [String] {
        let known = kind.map { self.entries($0) } ?? allEntries
        return ClosestMatches().among(known.map(\.name), for: text)
    }
}
