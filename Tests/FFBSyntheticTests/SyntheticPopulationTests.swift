import FFBCatalog
import FFBModel
import FFBSynthetic
import Foundation
import Testing

@Suite struct SyntheticPopulationTests {
    func citizens(_ settings: SyntheticPopulation.Settings) -> [SyntheticPopulation.Citizen] {
        var result: [SyntheticPopulation.Citizen] = []
        SyntheticPopulation(settings: settings, catalog: BuiltInCatalogs.standard).forEachCitizen { result.append($0) }
        return result
    }

    func signature(_ citizen: SyntheticPopulation.Citizen) -> String {
        "\(citizen.pseudonym) \(citizen.days) \(citizen.levels.map { "\($0.theme):\($0.levels)" }) \(citizen.support) \(citizen.goalType)"
    }

    @Test func theSameSeedGivesTheSamePeopleAndAnotherSeedOthers() {
        let first = citizens(.init(citizens: 50, seed: 7)).map(signature)
        #expect(first == citizens(.init(citizens: 50, seed: 7)).map(signature))
        #expect(first != citizens(.init(citizens: 50, seed: 8)).map(signature))
        #expect(first.count == 50)
        #expect(Set(citizens(.init(citizens: 50, seed: 7)).map(\.pseudonym)).count == 50)
    }

    @Test func everyCitizenHasABaselineAndTheAskedFollowUpsOrOnlyABaselineWithLevelsInRange() {
        let population = citizens(.init(citizens: 200, seed: 3, followUps: 2))
        // About 8 % are seen only once (they leave before a follow-up), the rest three times.
        let once = population.filter { $0.days.count == 1 }.count
        #expect(once > 0 && once < 40)
        for citizen in population {
            #expect(citizen.days.count == 1 || citizen.days.count == 3)
            #expect(citizen.days == citizen.days.sorted())
            for (_, levels) in citizen.levels {
                #expect(levels.count == citizen.days.count)
                // -1 is "ikke vurderet"; otherwise a function level 0–4.
                #expect(levels.allSatisfy { (-1...4).contains($0) })
            }
        }
    }

    @Test func theExtractHoldsOneRowPerCitizenThemeAndVisit() throws {
        let settings = SyntheticPopulation.Settings(citizens: 30, seed: 5, followUps: 1)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-synth-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try ExtractWriter().write(SyntheticPopulation(settings: settings, catalog: BuiltInCatalogs.standard), to: url)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "citizen,theme,date,level")
        #expect(lines.count == rows + 1)
        #expect(rows == citizens(settings).reduce(0) { $0 + $1.levels.count * $1.days.count })
    }
}
