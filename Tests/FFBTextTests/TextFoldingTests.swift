import Testing
import FFBText

@Test func textFoldingMakesDanishLettersTypable() {
    #expect(TextFolding.fold("Ændre og opretholde") == "aendre og opretholde")
    #expect(TextFolding.fold("Købe ind") == "koebe ind")
    #expect(TextFolding.fold("Pårørende") == "paaroerende")
    #expect(TextFolding.foldLoosely("Købe ind") == "kobe ind")
}
