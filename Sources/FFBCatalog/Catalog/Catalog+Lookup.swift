import FFBText

/// Why a code or name did not resolve to exactly one concept.
public enum CatalogLookupError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown(kind: CatalogKind?, text: String)
    case ambiguous(text: String, candidates: [CatalogEntry])

    public var description: String {
        switch self {
        case let .unknown(kind, text):
            return "unknown \(kind?.singular ?? "code or name") \"\(text)\""
        case let .ambiguous(text, candidates):
            let list = candidates.map { "\($0.kind.singular) \($0.code)" }.joined(separator: ", ")
            return "\"\(text)\" names more than one concept (\(list)); use the code"
        }
    }
}

extension Catalog {
    /// The name of a code of `kind` for people, or the code itself when this catalogue version
    /// does not have it (a record kept from another version).
    public func name(of code: KLCode, kind: CatalogKind) -> String {
        if kind == .themes { return theme(code)?.name ?? code.rawValue }
        if let concept = concept(code, kind: kind) { return concept.name }
        return (try? resolve(code.rawValue, kind: kind).name) ?? code.rawValue
    }

    /// Resolves a KL code or an exact (case-insensitive) Danish name within one kind.
    public func resolve(_ text: String, kind: CatalogKind) throws(CatalogLookupError) -> CatalogEntry {
        let candidates = entries(kind)
        if let code = KLCode(text), let match = candidates.first(where: { $0.code == code }) {
            return match
        }
        if let match = candidates.first(where: { $0.code.rawValue == text }) {
            return match
        }
        let folded = text.lowercased()
        let byName = candidates.filter { $0.name.lowercased() == folded }
        switch byName.count {
        case 1: return byName[0]
        case 0: throw .unknown(kind: kind, text: text)
        default: throw .ambiguous(text: text, candidates: byName)
        }
    }

    /// Resolves a theme by code or unique name.
    public func resolveTheme(_ text: String) throws(CatalogLookupError) -> Theme {
        let entry = try resolve(text, kind: .themes)
        guard let theme = theme(entry.code) else { throw .unknown(kind: .themes, text: text) }
        return theme
    }

    /// Resolves a code or exact name across every kind; a name used in two kinds is ambiguous.
    public func lookup(_ text: String) throws(CatalogLookupError) -> CatalogEntry {
        let all = allEntries
        if let code = KLCode(text) {
            if let match = all.first(where: { $0.code == code }) { return match }
            throw .unknown(kind: nil, text: text)
        }
        if let match = all.first(where: { $0.code.rawValue == text }) { return match }
        let folded = text.lowercased()
        var byName = all.filter { $0.name.lowercased() == folded }
        if byName.isEmpty {
            let loose = TextFolding.fold(text)
            byName = all.filter { TextFolding.fold($0.name) == loose }
        }
        switch byName.count {
        case 1: return byName[0]
        case 0: throw .unknown(kind: nil, text: text)
        default: throw .ambiguous(text: text, candidates: byName)
        }
    }

    /// Case- and accent-insensitive substring search over names (and definitions when asked),
    /// best matches first: exact name, then name prefix, then name substring, then definition.
    public func search(_ text: String, includeDefinitions: Bool = false) -> [CatalogEntry] {
        let needles = [TextFolding.fold(text), TextFolding.foldLoosely(text)]
        guard !(needles[0].isEmpty) else { return [] }
        var ranked: [(rank: Int, order: Int, entry: CatalogEntry)] = []
        for (order, entry) in allEntries.enumerated() {
            let names = [TextFolding.fold(entry.name), TextFolding.foldLoosely(entry.name)]
            var rank: Int?
            for (name, needle) in zip(names, needles) {
                let candidate: Int? =
                    name == needle ? 0 : name.hasPrefix(needle) ? 1 : name.contains(needle) ? 2 : nil
                if let candidate { rank = min(rank ?? candidate, candidate) }
            }
            if rank == nil, includeDefinitions, let definition = entry.definition,
               TextFolding.fold(definition).contains(needles[0]) {
                rank = 3
            }
            if let rank { ranked.append((rank, order, entry)) }
        }
        return ranked.sorted { ($0.rank, $0.order) < ($1.rank, $1.order) }.map(\.entry)
    }
}
