import Testing
@testable import FFBModel

@Test(arguments: [
    ("010190-1234", 1990), ("0101901234", 1990),
    ("010105-4123", 2005), ("010140-4123", 1940),
    ("010105-5123", 2005), ("010160-5123", 1860),
    ("010157-8123", 2057), ("010158-8123", 1858),
    ("010136-9123", 2036), ("010137-9123", 1937),
    ("290200-4123", 2000),
])
func centuryFollowsTheSeventhDigit(text: String, year: Int) throws {
    #expect(try CPRNumber(text).birthDate.year == year)
}

@Test(arguments: ["3102901234", "310490-1234", "290201-4123", "290200-1234", "000190-1234", "011390-1234"])
func aCPRNeedsARealCalendarDate(text: String) {
    // 29 Feb 1900 was no date (1900 is not a leap year); 29 Feb 2000 was (checked above).
    #expect(throws: CPRError.invalidDate) { try CPRNumber(text) }
}

@Test(arguments: ["01019-1234", "010190_1234", "010190-123", "abcdefghij", "", "010190--1234", "0101901234 5"])
func malformedCPRNumbersAreRejected(text: String) {
    #expect(throws: CPRError.malformed) { try CPRNumber(text) }
}

@Test func modulusElevenIsNotRequired() throws {
    // 010190-1235 fails modulus 11 but is a valid CPR number since 2007.
    #expect(try CPRNumber("010190-1235").digits == "0101901235")
}

@Test func aCPRNeverShowsInInterpolation() throws {
    let cpr = try CPRNumber("010190-1234")
    #expect("\(cpr)" == "CPR(******-****)")
    #expect(!String(describing: cpr).contains("0101"))
    #expect(cpr.formatted == "010190-1234")
}

@Test func pseudonymsAreStableTextAndValidated() {
    var generator = SystemRandomNumberGenerator()
    let pseudonym = Pseudonym.random(using: &generator)
    #expect(Pseudonym(pseudonym.rawValue) == pseudonym)
    #expect(Pseudonym(pseudonym.rawValue.lowercased()) == pseudonym)
    #expect(Pseudonym("P-1234567") == nil)
    #expect(Pseudonym("P-I0000000") == nil)
    #expect(Pseudonym("0101901234") == nil)
}

/// The canonical form is checked byte by byte without building anything; every other text goes
/// the long way (upper-cased, then checked). Both must agree with the rule as first written.
@Test func pseudonymsAreReadAsTheRuleSaysWhateverTheCharacter() {
    let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    func byRule(_ text: String) -> String? {
        let upper = text.uppercased()
        guard upper.count == 10, upper.hasPrefix("P-"), upper.dropFirst(2).allSatisfy({ alphabet.contains($0) }) else { return nil }
        return upper
    }
    var characters = (0..<128).compactMap { Unicode.Scalar($0).map(Character.init) }
    characters += ["æ", "Ø", "ſ", "ı", "ß", "é"]
    for character in characters {
        for text in ["P-\(character)0000000", "P-0000000\(character)", "\(character)-00000000", "p\(character)00000000"] {
            #expect(Pseudonym(text)?.rawValue == byRule(text), "\(text)")
        }
    }
}
