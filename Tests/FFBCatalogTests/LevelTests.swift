import Testing
@testable import FFBCatalog

@Test func functionLevelsOrderFromNoneToComplete() {
    #expect(FunctionLevel.allCases.map(\.rawValue) == [0, 1, 2, 3, 4])
    #expect(FunctionLevel.none < FunctionLevel.complete)
    #expect(FunctionLevel.allCases.sorted(by: >).first == .complete)
}

@Test func functionLevelLabelsInDanishAndEnglish() {
    #expect(FunctionLevel.severe.danishName == "Svært nedsat funktionsevne")
    #expect(FunctionLevel.none.englishName == "No reduced function")
    #expect(SupportLevel.d.danishName == "Højt støttebehov")
    #expect(SupportLevel.a.englishName == "No support need")
}

@Test(arguments: [("0", FunctionLevel.none), ("2", .moderate), ("4", .complete)])
func functionLevelParsesItsCLIForm(text: String, level: FunctionLevel) {
    #expect(Assessed<FunctionLevel>(text: text) == .assessed(level))
}

@Test(arguments: ["5", "-1", "02", "", "two", "1.0"])
func functionLevelRejectsWhatIsNotALevel(text: String) {
    #expect(Assessed<FunctionLevel>(text: text) == nil)
}

@Test func notAssessedIsNeverLevelZero() throws {
    let parsed = try #require(Assessed<FunctionLevel>(text: "ikke-vurderet"))
    #expect(parsed == .notAssessed)
    #expect(parsed.level == nil)
    #expect(parsed != .assessed(.none))
    #expect(Assessed<FunctionLevel>(text: "Ikke vurderet") == .notAssessed)
    #expect(Assessed<SupportLevel>(text: "ikke-vurderet") == .notAssessed)
    #expect(Assessed<FunctionLevel>.notAssessed.cliValue == "ikke-vurderet")
}

@Test func levelsParseFromKLCodes() {
    #expect(Assessed<FunctionLevel>(text: "cae545f5-2813-4d79-98fc-0a7d770af3cd") == .assessed(.severe))
    #expect(Assessed<FunctionLevel>(text: "1C327095-107F-4B96-88D0-EC562CB980BE") == .notAssessed)
    #expect(Assessed<SupportLevel>(text: "b99a0790-4d70-4152-b149-3fe58b745583") == .assessed(.d))
    // A support-level code is not a function level.
    #expect(Assessed<FunctionLevel>(text: "b99a0790-4d70-4152-b149-3fe58b745583") == nil)
}

@Test func supportLevelsMapToOrdinalsForStatistics() {
    #expect(SupportLevel.allCases.map(\.ordinal) == [0, 1, 2, 3, 4])
    #expect(SupportLevel(cliValue: "c") == .c)
    #expect(SupportLevel(cliValue: "F") == nil)
    #expect(SupportLevel.b < SupportLevel.e)
}

@Test func goalTypesParseFromCLIDanishAndEnglish() {
    #expect(GoalType(cliValue: "udvikle") == .develop)
    #expect(GoalType(cliValue: "begraense-tab") == .limitLoss)
    #expect(GoalType(cliValue: "Begrænse tab af funktionsevne") == .limitLoss)
    #expect(GoalType(cliValue: "maintain") == .maintain)
    #expect(GoalType(cliValue: "grow") == nil)
    #expect(GoalType(cliValue: "begrænse-tab") == .limitLoss)
    #expect(GoalType(cliValue: "limit-loss") == .limitLoss)
    #expect(GoalType(cliValue: "develop") == .develop)
    #expect(GoalType.cliSpellings.allSatisfy { GoalType(cliValue: $0) != nil })
    #expect(GoalType.maintain.klCode.rawValue == "10752a63-00b4-4958-b7f4-9f3a18f74266")
}

@Test func followUpStatusesParse() {
    #expect(FollowUpStatus(cliValue: "continue") == .continue)
    #expect(FollowUpStatus(cliValue: "afslut-og-visiter") == .endAndRefer)
    #expect(FollowUpStatus(cliValue: "fortsæt") == .continue)
    #expect(FollowUpStatus(cliValue: "stop") == nil)
    #expect(FollowUpStatus(cliValue: "fortsaet") == .continue)
    #expect(FollowUpStatus(cliValue: "Afslut") == .end)
    #expect(FollowUpStatus(cliValue: "end") == .end)
    #expect(FollowUpStatus.cliSpellings.allSatisfy { FollowUpStatus(cliValue: $0) != nil })
}

@Test func klCodesAreCanonicalLowercaseUUIDs() {
    #expect(KLCode("01770AFA-CD17-41FE-A966-B8895E4D55D8")?.rawValue == "01770afa-cd17-41fe-a966-b8895e4d55d8")
    #expect(KLCode("01770afa-cd17-41fe-a966-b8895e4d55d") == nil)
    #expect(KLCode("01770afa_cd17-41fe-a966-b8895e4d55d8") == nil)
    #expect(KLCode("g1770afa-cd17-41fe-a966-b8895e4d55d8") == nil)
}

