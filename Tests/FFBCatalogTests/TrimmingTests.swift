import FFBCatalog
import Foundation
import Testing

@Suite struct TrimmingTests {
    @Test(arguments: ["", "   ", "abc", " abc ", "\tabc\t", "\u{00A0}æøå\u{2003}", "a b", "\nabc\n", " \r\n x y \n", "\u{2028}z\u{85}", "é", " 日本 "])
    func trimmingAgreesWithFoundation(text: String) {
        #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingSpacesAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
