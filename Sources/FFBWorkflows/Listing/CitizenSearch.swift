import FFBCatalog
import FFBModel
import FFBStore
import Foundation

/// Finding a citizen by name: every word typed must be part of one name the citizen has had
/// (the current one or an older version), ignoring case and accents ("soren" finds Søren,
/// "aase" and "åse" find Åse). A pseudonym, or its start, finds that citizen too.
public enum CitizenSearch {
    public struct Match: Sendable, Equatable {
        public let citizen: CitizenNames
        /// The name the words were found in (the current one when it matches).
        public let matchedName: String
    }

    /// The matches among `citizens`, the closest first: the whole name, then names starting with
    /// the first word, then the rest, each by current name.
    public static func find(_ text: String, in citizens: [CitizenNames]) -> [Match] {
        let words = TextFolding.fold(text).split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
        guard !words.isEmpty else { return [] }
        let query = words.joined(separator: " ")
        var ranked: [(rank: Int, match: Match)] = []
        for citizen in citizens {
            if citizen.pseudonym.rawValue.lowercased().hasPrefix(text.trimmingSpaces().lowercased()), text.trimmingSpaces().count >= 3 {
                ranked.append((0, Match(citizen: citizen, matchedName: citizen.current)))
                continue
            }
            // The current name first, so a citizen found by it is shown by it.
            for name in citizen.names.reversed() {
                let folded = TextFolding.fold(name).split(whereSeparator: \.isWhitespace).joined(separator: " ")
                let loose = TextFolding.foldLoosely(name)
                guard words.allSatisfy({ folded.contains($0) || loose.contains($0) }) else { continue }
                let rank = folded == query ? 0 : folded.hasPrefix(words[0]) ? 1 : 2
                ranked.append((rank, Match(citizen: citizen, matchedName: name)))
                break
            }
        }
        return ranked.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            let (na, nb) = (TextFolding.fold(a.match.citizen.current), TextFolding.fold(b.match.citizen.current))
            return na != nb ? na < nb : a.match.citizen.pseudonym.rawValue < b.match.citizen.pseudonym.rawValue
        }.map(\.match)
    }
}
