import Testing
import FFBText

/// A few theme names from KL's catalogue, in catalogue order.
private let themes = ["Lave mad", "Købe ind", "Spise", "Gå", "Færdes i forskellige omgivelser", "Udføre daglige rutiner", "Pårørende"]

@Suite struct ClosestMatchesTests {
    let matcher = ClosestMatches()

    @Test func accentsAndCaseDoNotCount() {
        #expect(matcher.among(themes, for: "Kobe ind") == ["Købe ind"])
        #expect(matcher.among(themes, for: "KØBE IND") == ["Købe ind"])
        #expect(matcher.among(themes, for: "koebe ind") == ["Købe ind"])
    }

    @Test func danishLettersMayBeSpelledEitherWayInBothDirections() {
        #expect(matcher.among(themes, for: "paaroerende") == ["Pårørende"])
        #expect(matcher.among(themes, for: "parorende") == ["Pårørende"])
        #expect(matcher.among(["begraense-tab", "udvikle"], for: "begrænse-tab") == ["begraense-tab"])
        #expect(matcher.among(["aendre"], for: "Ændre") == ["aendre"])
    }

    @Test func hyphensUnderscoresAndSpacesAreAlike() {
        #expect(matcher.among(["begraense-tab"], for: "begraense tab") == ["begraense-tab"])
        #expect(matcher.among(themes, for: "købe-ind") == ["Købe ind"])
    }

    @Test func swapsAndSmallTyposSuggest() {
        #expect(matcher.among(["udvikle", "fastholde", "begraense-tab"], for: "udvikel") == ["udvikle"])
        #expect(matcher.among(["table", "json", "csv"], for: "jsno") == ["json"])
        #expect(matcher.among(themes, for: "Kobe inf") == ["Købe ind"])
        #expect(matcher.among(themes, for: "Lav mad") == ["Lave mad"])
    }

    @Test func aBeginningOrAPartOfHalfTheNameSuggests() {
        #expect(matcher.among(themes, for: "Købe") == ["Købe ind"])
        #expect(matcher.among(themes, for: "daglige rutiner") == ["Udføre daglige rutiner"])
        #expect(matcher.among(["Botilbudslignende tilbud", "Botilbud til voksne"], for: "botilbud") == ["Botilbud til voksne"])
        #expect(matcher.among(["Botilbudslignende tilbud"], for: "botilbud").isEmpty)
    }

    @Test func farTextsSuggestNothing() {
        #expect(matcher.among(themes, for: "xyz").isEmpty)
        #expect(matcher.among(["table", "json", "csv"], for: "xyz").isEmpty)
        #expect(matcher.among(themes, for: "ind").isEmpty)
        #expect(matcher.among(themes, for: "Flyve").isEmpty)
        #expect(matcher.among(["A", "B", "C", "D", "E"], for: "F").isEmpty)
        #expect(matcher.among(themes, for: "").isEmpty)
        #expect(matcher.among([String](), for: "Købe ind").isEmpty)
    }

    @Test func theThresholdGrowsWithTheLength() {
        // Three letters allow one edit, six allow two.
        #expect(matcher.among(["abc"], for: "abd") == ["abc"])
        #expect(matcher.among(["abc"], for: "ade").isEmpty)
        #expect(matcher.among(["abcdef"], for: "abxdyf") == ["abcdef"])
        #expect(matcher.among(["abcdef"], for: "axxdyf").isEmpty)
    }

    @Test func atMostThreeOfTheNearestInTheirOrder() {
        let pseudonyms = ["P-7K3M9Q2A", "P-7K3M9Q2B", "P-7K3M9Q2C", "P-7K3M9Q2D", "P-7K3M9QXX", "P-ZZZZZZZZ"]
        let strict = ClosestMatches(maxEdits: 2)
        #expect(strict.among(pseudonyms, for: "P-7K3M9Q2X") == ["P-7K3M9Q2A", "P-7K3M9Q2B", "P-7K3M9Q2C"])
        #expect(strict.among(pseudonyms, for: "P-7K3M9QX") == ["P-7K3M9QXX"])
        #expect(strict.among(pseudonyms, for: "P-ZZZZZZYY") == ["P-ZZZZZZZZ"])
        #expect(strict.among(pseudonyms, for: "P-ZZZZZYYY").isEmpty)
    }

    @Test func anExactFoldedMatchLeavesNoRoomForGuesses() {
        #expect(matcher.among(["Kobe ind", "Købe ind", "Kobe and"], for: "kobe ind") == ["Kobe ind", "Købe ind"])
    }

    @Test func spellingsThatFoldAlikeAreSuggestedOnce() {
        #expect(matcher.among(["begraense-tab", "begrænse-tab", "limit-loss"], for: "begrense-tab") == ["begraense-tab"])
    }
}

@Suite struct DidYouMeanTests {
    @Test func oneTwoOrThreeSuggestions() {
        #expect(DidYouMean.question([]) == nil)
        #expect(DidYouMean.question(["Købe ind"]) == "did you mean \"Købe ind\"?")
        #expect(DidYouMean.question(["a", "b"]) == "did you mean \"a\" or \"b\"?")
        #expect(DidYouMean.question(["a", "b", "c"]) == "did you mean \"a\", \"b\" or \"c\"?")
    }

    @Test func theQuestionFollowsTheMessage() {
        #expect(DidYouMean.message("unknown theme \"Kobe ind\"", suggesting: ["Købe ind"]) == "unknown theme \"Kobe ind\"; did you mean \"Købe ind\"?")
        #expect(DidYouMean.message("unknown theme \"xyz\"", suggesting: []) == "unknown theme \"xyz\"")
    }
}
