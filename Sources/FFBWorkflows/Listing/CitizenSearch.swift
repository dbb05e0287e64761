import FFBText
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
    /// what was typed, then names with a word starting with each word typed, then the rest, each
    /// by current name.
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
                let spellings = [TextFolding.fold(name), TextFolding.foldLoosely(name)].map {
                    $0.split(whereSeparator: { $0.isWhitespace || $0 == "," }).joined(separator: " ")
                }
                guard words.allSatisfy({ word in spellings.contains { $0.contains(word) } }) else { continue }
                ranked.append((rank(of: spellings, query: query, words: words), Match(citizen: citizen, matchedName: name)))
                break
            }
        }
        return ranked.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            let (na, nb) = (TextFolding.fold(a.match.citizen.current), TextFolding.fold(b.match.citizen.current))
            return na != nb ? na < nb : a.match.citizen.pseudonym.rawValue < b.match.citizen.pseudonym.rawValue
        }.map(\.match)
    }

    /// 0 the whole name, 1 the name's start, 2 each word a word's start, 3 anywhere.
    private static func rank(of spellings: [String], query: String, words: [String]) -> Int {
        if spellings.contains(query) { return 0 }
        if spellings.contains(where: { $0.hasPrefix(query) }) { return 1 }
        let starts = words.allSatisfy { word in spellings.contains { $0.split(separator: " ").contains { $0.hasPrefix(word) } } }
        return starts ? 2 : 3
    }
}
