import FFBCatalog
import FFBModel
import Foundation
import Testing
@testable import FFBProgression

/// Rows of the common shape are read at fixed offsets (`PlainRowReader`); every other row must
/// fall back to the general path and be read exactly as before. Each test reads a variant of the
/// same rows and compares the values read with those of the plain rows.
@Suite struct ExtractPlainRowTests {
    let catalog = BuiltInCatalogs.standard
    static let shopping = "01770afa-cd17-41fe-a966-b8895e4d55d8"
    static let cooking = "b947f321-7cdb-4b33-9653-f3ff800572b0"

    /// Two citizens, two themes, three dates each: the plain form of every test's rows.
    static let rows: [[String]] = [
        ["P-1", shopping, "2024-01-05", "3"], ["P-1", shopping, "2024-03-01", "2"], ["P-1", shopping, "2024-12-31", "1"],
        ["P-1", cooking, "2024-01-05", "4"], ["P-1", cooking, "2024-03-01", "4"], ["P-1", cooking, "2024-12-31", "0"],
        ["P-22", shopping, "2023-02-28", "0"], ["P-22", shopping, "2024-02-29", "1"], ["P-22", shopping, "2025-06-01", "2"],
        ["P-22", cooking, "2023-02-28", "2"], ["P-22", cooking, "2024-02-29", "3"], ["P-22", cooking, "2025-06-01", "4"],
    ]

    static func text(_ rows: [[String]], header: String = "citizen,theme,date,level", separator: String = ",", lineEnd: String = "\n") -> String {
        ([header] + rows.map { $0.joined(separator: separator) }).joined(separator: lineEnd) + lineEnd
    }

    /// What was read: per series its citizen, theme code and (day, level) points, in series order.
    func values(_ text: String, workers: Int = 1) throws -> [String] {
        var reader = ExtractReader(catalog: catalog)
        reader.workers = workers
        let extract = try reader.read(Data(text.utf8))
        var out = ["rows \(extract.rows) citizens \(extract.citizenCount)"]
        for series in 0..<extract.seriesCount {
            let points = extract.series(series).points.map { "\(LocalDate(dayNumber: Int($0.day)).iso)=\($0.level)" }
            out.append("\(extract.seriesCitizen[series]) \(extract.themes[Int(extract.seriesTheme[series])].code.rawValue) \(points.joined(separator: " "))")
        }
        return out
    }

    func error(_ text: String) -> ExtractError? {
        do {
            _ = try ExtractReader(catalog: catalog).read(Data(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func plainRowsAreReadWithTheirValues() throws {
        let read = try values(Self.text(Self.rows))
        #expect(read.first == "rows 12 citizens 2")
        #expect(read[1] == "0 \(Self.shopping) 2024-01-05=3 2024-03-01=2 2024-12-31=1")
        #expect(read[4] == "1 \(Self.cooking) 2023-02-28=2 2024-02-29=3 2025-06-01=4")
    }

    @Test func rowsThatFallBackReadTheSameValues() throws {
        let plain = try values(Self.text(Self.rows))
        func quoted(_ column: Int) -> [[String]] {
            Self.rows.enumerated().map { index, row in
                var row = row
                if index % 2 == 0 { row[column] = "\"\(row[column])\"" }
                return row
            }
        }
        let variants: [(String, String)] = [
            ("CRLF", Self.text(Self.rows, lineEnd: "\r\n")),
            ("CR", Self.text(Self.rows, lineEnd: "\r")),
            ("no final line end", String(Self.text(Self.rows).dropLast())),
            ("quoted citizens", Self.text(quoted(0))),
            ("quoted themes", Self.text(quoted(1))),
            ("quoted dates", Self.text(quoted(2))),
            ("quoted levels", Self.text(quoted(3))),
            ("uppercase themes", Self.text(Self.rows.map { [$0[0], $0[1].uppercased(), $0[2], $0[3]] })),
            ("themes by name", Self.text(Self.rows.map { [$0[0], $0[1] == Self.shopping ? "Købe ind" : "Lave mad", $0[2], $0[3]] })),
            ("semicolons", Self.text(Self.rows, header: "citizen;theme;date;level", separator: ";")),
            ("blank lines", Self.text(Self.rows.flatMap { [$0, []] })),
            ("columns in another order", Self.text(Self.rows.map { [$0[1], $0[0], $0[3], $0[2]] }, header: "theme,citizen,level,date")),
            ("more columns", Self.text(Self.rows.map { $0 + ["x", "\"a, \"\"b\"\"\""] }, header: "citizen,theme,date,level,area,note")),
            ("more cells than columns", Self.text(Self.rows.map { $0 + ["x"] })),
        ]
        for (name, text) in variants {
            #expect(try values(text) == plain, "\(name)")
            #expect(try values(text, workers: 2) == plain, "\(name) on two workers")
        }
    }

    /// A worker keeps its rows' series as runs; rows of series taking turns make a run each.
    @Test func seriesTakingTurnsAreJoinedByDay() throws {
        let plain = try values(Self.text(Self.rows))
        // Each citizen's themes alternate date by date, and the second citizen comes first.
        let turns = [6, 9, 7, 10, 8, 11, 0, 3, 1, 4, 2, 5].map { Self.rows[$0] }
        let read = try values(Self.text(turns))
        #expect(read.first == plain.first)
        #expect(Set(read.dropFirst().map { $0.dropFirst(2) }) == Set(plain.dropFirst().map { $0.dropFirst(2) }))
        #expect(try values(Self.text(turns), workers: 2) == read)
    }

    @Test func aCitizenOfAnyWidthUpToTheLimitIsRead() throws {
        for width in [1, 7, 8, 9, 16, 63, 64] {
            let citizen = String(repeating: "C", count: width)
            let rows = [[citizen, Self.shopping, "2024-01-01", "3"], [citizen, Self.shopping, "2024-06-01", "1"]]
            #expect(try values(Self.text(rows)) == ["rows 2 citizens 1", "0 \(Self.shopping) 2024-01-01=3 2024-06-01=1"], "width \(width)")
        }
        let long = String(repeating: "C", count: 65)
        let failure = error(Self.text([[long, Self.shopping, "2024-01-01", "3"]]))
        #expect(failure?.line == 2)
        #expect(failure?.message.hasPrefix("citizen \"CCCC") == true)
        #expect(failure?.message.hasSuffix("\" is longer than 64 bytes") == true)
    }

    @Test func ikkeVurderetFallsBackAndIsRead() throws {
        var rows = Self.rows
        rows[1][3] = "ikke-vurderet"
        rows[2][3] = "Ikke vurderet"
        let read = try values(Self.text(rows))
        #expect(read[1] == "0 \(Self.shopping) 2024-01-05=3 2024-03-01=\(LevelSeries.notAssessed) 2024-12-31=\(LevelSeries.notAssessed)")
    }

    /// Rows that look almost plain: each error is the general path's, at the row's line.
    @Test func almostPlainRowsFailAsBefore() {
        func failing(_ row: Int, _ column: Int, _ value: String) -> String {
            var rows = Self.rows
            rows[row][column] = value
            return Self.text(rows)
        }
        let cases: [(String, Int, String)] = [
            (failing(4, 3, "10"), 6, "level \"10\" is not 0–4 or ikke-vurderet"),
            (failing(4, 3, "5"), 6, "level \"5\" is not 0–4 or ikke-vurderet"),
            (failing(4, 3, ""), 6, "level \"\" is not 0–4 or ikke-vurderet"),
            (failing(5, 2, "2024-02-30"), 7, "\"2024-02-30\" is not a date (YYYY-MM-DD)"),
            (failing(5, 2, "2024-2-03"), 7, "\"2024-2-03\" is not a date (YYYY-MM-DD)"),
            (failing(5, 2, "2024/02/03"), 7, "\"2024/02/03\" is not a date (YYYY-MM-DD)"),
            (failing(6, 1, String(Self.shopping.dropLast())), 8, "unknown theme \"\(String(Self.shopping.dropLast()))\""),
            (failing(6, 1, Self.shopping + "0"), 8, "unknown theme \"\(Self.shopping)0\""),
            (failing(6, 1, "00000000" + Self.shopping.dropFirst(8)), 8, "unknown theme \"00000000\(Self.shopping.dropFirst(8))\""),
            (failing(7, 0, ""), 9, "empty citizen"),
            (Self.text(Self.rows) + "P-3,\(Self.shopping),2024-01-01\n", 14, "expected 4 columns, found 3 (truncated line?)"),
            (Self.text(Self.rows) + "P-3,\(Self.shopping)", 14, "expected 4 columns, found 2 (truncated line?)"),
            (Self.text(Self.rows) + "P-3,\"\(Self.shopping),2024-01-01,1\n", 14, "unterminated quoted field"),
            (Self.text(Self.rows) + "P-1,\(Self.shopping),2024-03-01,2\n", 14, "citizen P-1 has theme \"Købe ind\" twice on 2024-03-01 (also line 3)"),
        ]
        for (text, line, message) in cases {
            #expect(error(text) == ExtractError(line: line, message: message), "\(message)")
        }
    }

    /// The date cache gives every date its own day number, whatever came before in its slot.
    @Test func everyDateOfFourYearsIsReadAsItsDay() throws {
        var rows: [[String]] = []
        var expected: [String] = []
        for day in stride(from: LocalDate(year: 2022, month: 1, day: 1)!.dayNumber, through: LocalDate(year: 2025, month: 12, day: 31)!.dayNumber, by: 1) {
            let date = LocalDate(dayNumber: day).iso
            // One citizen per date, so each series has one point and nothing is paired or sorted away.
            rows.append(["P-\(day)", Self.shopping, date, String(day % 5)])
            expected.append("\(date)=\(day % 5)")
        }
        let read = try values(Self.text(rows))
        #expect(read.dropFirst().map { String($0.split(separator: " ").last!) } == expected)
    }
}
