import Foundation
import FFBCatalog
import FFBModel
import FFBParallel

/// A deterministic synthetic population: citizens with themes assessed over time, levels that are
/// correlated within a citizen and drift slowly (mostly towards improvement), some "ikke vurderet",
/// some citizens assessed once only. Never real people: CPR numbers are made up from the index.
package struct SyntheticPopulation: Sendable {
    package struct Settings: Sendable {
        package var citizens: Int
        package var seed: UInt64
        package var followUps: Int
        /// The first baseline day; baselines spread over the following year.
        package var start: LocalDate

        package init(citizens: Int, seed: UInt64 = 1, followUps: Int = 3, start: LocalDate = LocalDate(dayNumber: 19_358)) {
            self.citizens = citizens
            self.seed = seed
            self.followUps = followUps
            self.start = start
        }
    }

    package let settings: Settings
    package let themes: [Theme]

    /// Per theme: how much harder than the citizen's general level it tends to be, and how
    /// strongly it follows the course's drift (practical tasks respond more than communication).
    let themeEffects: [(offset: Double, responsiveness: Double)]

    package init(settings: Settings, catalog: Catalog) {
        self.settings = settings
        themes = catalog.scoredThemes
        themeEffects = themes.indices.map { index in
            var random = SplitMix64(seed: 0xFFB0 &+ UInt64(index))
            return ((random.unit() - 0.5) * 1.2, 0.3 + random.unit() * 1.4)
        }
    }

    /// One citizen's synthetic course.
    package struct Citizen: Sendable {
        package var index: Int
        package var pseudonym: String
        /// Assessment days: the baseline, then follow-ups about every six months.
        package var days: [Int32]
        /// Per assessed theme (index into `themes`): a level per day (-1 = ikke vurderet).
        package var levels: [(theme: Int, levels: [Int8])]
        /// Support level ordinal (0…4 = A…E) per day.
        package var support: [Int8]
        /// The goal type drawn for the citizen's first theme: 0 develop, 1 maintain, 2 limit loss.
        package var goalType: Int
    }

    /// Calls `body` for each citizen in order; the same settings give the same citizens.
    /// `progress` counts the citizens done.
    package func forEachCitizen(progress: WorkProgress = .none, _ body: (Citizen) throws -> Void) rethrows {
        progress.start(total: settings.citizens)
        for index in 0..<settings.citizens {
            try body(citizen(index))
            progress.advance()
        }
    }

    /// Citizen `index`, generated independently of the others (so work can be split).
    package func citizen(_ index: Int) -> Citizen {
        var random = SplitMix64(seed: settings.seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index))
        let severity = random.unit() * 3.2 + 0.3          // the citizen's general level
        let goalType = random.below(10) < 6 ? 0 : random.below(2) == 0 ? 1 : 2
        let drift = goalType == 0 ? -0.35 : goalType == 1 ? 0.0 : 0.25   // per follow-up; lower is better
        let onlyOnce = random.below(100) < 8
        let visits = onlyOnce ? 1 : 1 + settings.followUps
        var days: [Int32] = []
        var day = Int32(settings.start.dayNumber) + Int32(random.below(365))
        for _ in 0..<visits {
            days.append(day)
            day += 150 + Int32(random.below(60))
        }
        let themeCount = 4 + random.below(9)
        var chosen = Set<Int>()
        while chosen.count < min(themeCount, themes.count) { chosen.insert(random.below(themes.count)) }
        var levels: [(theme: Int, levels: [Int8])] = []
        for theme in chosen.sorted() {
            let effect = themeEffects[theme]
            var latent = severity + effect.offset + (random.unit() - 0.5) * 1.6
            var series: [Int8] = []
            for _ in 0..<visits {
                let noisy = latent + (random.unit() - 0.5) * 0.8
                let level = Int8(max(0, min(4, Int(noisy.rounded()))))
                series.append(random.below(100) < 3 ? -1 : level)
                latent += drift * effect.responsiveness + (random.unit() - 0.5) * 0.6
            }
            levels.append((theme, series))
        }
        var support: [Int8] = []
        var supportLatent = severity + (random.unit() - 0.5)
        for _ in 0..<visits {
            support.append(Int8(max(0, min(4, Int(supportLatent.rounded())))))
            supportLatent += drift * 0.8 + (random.unit() - 0.5) * 0.5
        }
        return Citizen(index: index, pseudonym: Self.pseudonym(index), days: days, levels: levels, support: support, goalType: goalType)
    }

    /// `P-` and eight Crockford base-32 digits of the index: valid pseudonym text.
    package static func pseudonym(_ index: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var value = index
        var digits: [Character] = []
        for _ in 0..<8 {
            digits.append(alphabet[value % 32])
            value /= 32
        }
        return "P-" + String(digits.reversed())
    }

    /// A fake CPR number that is valid in form: a real birth date between 1940 and 2004 and a
    /// sequence number from the index. It belongs to nobody we know of.
    package static func cpr(_ index: Int) -> String {
        let birth = LocalDate(dayNumber: -10_957 + (index * 7919) % 23_725)
        let yy = birth.year % 100
        let seventh = birth.year >= 2000 ? 4 : 0
        let serial = seventh * 1000 + index % 1000
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let four = String(repeating: "0", count: 4 - String(serial).count) + String(serial)
        return "\(two(birth.day))\(two(birth.month))\(two(yy))-\(four)"
    }
}

extension SyntheticPopulation {
    /// A drawn level as the model records it: negative means not assessed.
    package static func assessed(_ value: Int8) -> Assessed<FunctionLevel> {
        value < 0 ? .notAssessed : .assessed(FunctionLevel(rawValue: Int(value)) ?? .moderate)
    }
}

/// SplitMix64: tiny, fast and good enough for synthetic data; seeded, so runs repeat exactly.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    package mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// A uniform double in [0, 1).
    package mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    package mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    package mutating func pick<T>(_ choices: [T]) -> T {
        choices[below(choices.count)]
    }
}

extension SyntheticPopulation {
    /// A version-4-shaped UUID that depends only on the seed, the citizen and `salt`: the same
    /// synthetic documents get the same ids on every run.
    package func uuid(citizen index: Int, salt: UInt64) -> UUID {
        var random = SplitMix64(seed: settings.seed &* 0xD6E8_FEB8_6659_FD93 &+ UInt64(index) &* 0x9E37_79B9 &+ salt)
        let a = random.next(), b = random.next()
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: a >> (8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: b >> (8 * $0)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

