import FFBCatalog
import Testing
import FFBReport

@Suite struct NumberTextTests {
    @Test func danishGroupsThousandsWithAPointAndWritesADecimalComma() {
        #expect(NumberText.grouped(11_809_850, digits: 2, in: .da) == "11.809.850,00")
        #expect(NumberText.kroner(ore: 1_180_985_000, in: .da) == "11.809.850,00")
        #expect(NumberText.grouped(0.456, digits: 2, in: .da) == "0,46")
        #expect(NumberText.grouped(-1234.5, digits: 1, in: .da) == "-1.234,5")
        #expect(NumberText.grouped(999, in: .da) == "999")
        #expect(NumberText.grouped(1000, in: .da) == "1.000")
    }

    @Test func englishGroupsThousandsWithACommaAndWritesADecimalPoint() {
        #expect(NumberText.grouped(11_809_850, digits: 2, in: .en) == "11,809,850.00")
        #expect(NumberText.kroner(ore: -5, in: .en) == "-0.05")
        #expect(NumberText.grouped(-0.001, digits: 2, in: .en) == "0.00")
        #expect(NumberText.grouped(1_234_567, in: .en) == "1,234,567")
    }

    @Test func pValuesAndSharesFollowTheLanguage() {
        #expect(NumberText.pValue(0.0004, in: .da) == "<0,001")
        #expect(NumberText.pValue(0.0123, in: .da) == "0,012")
        #expect(NumberText.pValue(0.0123, in: .en) == "0.012")
        #expect(NumberText.pValue(nil, in: .en) == "–")
        #expect(NumberText.percent(0.077, in: .da) == "7,7%")
        #expect(NumberText.percent(0.077, in: .en) == "7.7%")
    }
}
