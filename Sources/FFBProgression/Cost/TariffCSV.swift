import FFBCatalog
import FFBCSV
import FFBFiles
import FFBModel
import Foundation

/// Tariffs from CSV, as `ffb tariff import` reads them: `provider,support_level,daily_rate,
/// valid_from,valid_to` (DKK per day, decimal point or comma; `valid_to` may be empty), other
/// columns ignored. Every row's problems are reported with its line; overlapping periods for one
/// provider and level are an error.
public enum TariffCSV {
    public static let columns = ["provider", "support_level", "daily_rate", "valid_from", "valid_to"]

    /// A municipality's tariffs are a few thousand rows (providers × five levels × periods) of
    /// about 50 bytes; the limits leave room for ten times that, and keep a broken or hostile file
    /// from costing more than a moment.
    public static let maxFileBytes = 16 << 20
    static let limits = CSVRows.Limits(rows: 50_000, rowBytes: 8 << 10, fieldBytes: 1 << 10)
    /// No daily rate comes near this; it keeps øre sums far from overflowing.
    static let maxDailyRateOre = 1_000_000 * 100

    /// Reads and parses the tariff file at `path`.
    public static func read(path: String) throws(LineProblems) -> [Tariff] {
        try parse(LineProblems.contents(of: path, limit: maxFileBytes))
    }

    public static func parse(_ bytes: [UInt8]) throws(LineProblems) -> [Tariff] {
        guard bytes.count <= maxFileBytes else { throw LineProblems("is larger than \(ByteCount.text(maxFileBytes))") }
        var columnIndices: [Int]?
        var columnCount = 0
        var tariffs: [(line: Int, tariff: Tariff)] = []
        var problems = LineProblems()
        do throws(CSVError) {
            try CSVRows(limits: limits).forEach(in: bytes) { row throws(CSVError) in
                guard let indices = columnIndices else {
                    let header = row.fields.map { $0.trimmingSpaces().lowercased() }
                    var indices: [Int] = []
                    for name in columns {
                        guard let index = header.firstIndex(of: name) else { throw CSVError("missing column \"\(name)\"", line: row.line) }
                        indices.append(index)
                    }
                    columnIndices = indices
                    columnCount = header.count
                    return
                }
                guard !row.fields.allSatisfy(\.isEmpty) else { return }
                do throws(RowProblem) {
                    tariffs.append((row.line, try tariff(row, columns: indices, count: columnCount)))
                } catch {
                    problems.append(error.message, line: row.line)
                }
            }
        } catch {
            problems.append(error.message, line: error.line)
            throw problems
        }
        guard columnIndices != nil else { throw LineProblems("the file is empty", line: 1) }
        for (line, message) in overlaps(tariffs) { problems.append(message, line: line) }
        if !problems.isEmpty { throw problems }
        return tariffs.map(\.tariff)
    }

    /// What is wrong with one row.
    struct RowProblem: Error {
        var message: String
    }

    private static func tariff(_ row: CSVRows.Row, columns: [Int], count: Int) throws(RowProblem) -> Tariff {
        func field(_ column: Int) -> String {
            columns[column] < row.fields.count ? row.fields[columns[column]].trimmingSpaces() : ""
        }
        guard row.fields.count >= count else { throw RowProblem(message: "expected \(count) columns, found \(row.fields.count)") }
        guard let level = SupportLevel(cliValue: field(1)) else {
            throw RowProblem(message: "support level \(Excerpt.quoted(field(1))) is not A–E")
        }
        guard let ore = ore(field(2)), ore <= maxDailyRateOre else {
            throw RowProblem(message: "daily rate \(Excerpt.quoted(field(2))) is not an amount in DKK (digits, at most two decimals after a point or comma, no thousands separators; 0 to 1000000 per day)")
        }
        guard let from = LocalDate(iso: field(3)) else {
            throw RowProblem(message: "valid_from \(Excerpt.quoted(field(3))) is not a date (YYYY-MM-DD)")
        }
        var to: LocalDate?
        if !field(4).isEmpty {
            guard let date = LocalDate(iso: field(4)), date >= from else {
                throw RowProblem(message: "valid_to \(Excerpt.quoted(field(4))) is not a date on or after valid_from")
            }
            to = date
        }
        guard !field(0).isEmpty else { throw RowProblem(message: "empty provider") }
        return Tariff(provider: field(0), supportLevel: level, dailyRateOre: ore, validFrom: from, validTo: to)
    }

    /// An amount in DKK as øre: digits, then a decimal point or comma and one or two digits; nil
    /// for anything else (a thousands separator, a sign, a third decimal), which a lenient number
    /// parser would read as some prefix of it.
    static func ore(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        let separator = bytes.firstIndex { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }
        let whole = bytes[..<(separator ?? bytes.endIndex)]
        let fraction = separator.map { bytes[($0 + 1)...] } ?? []
        func isDigits(_ part: ArraySlice<UInt8>) -> Bool { part.allSatisfy { $0 >= 48 && $0 <= 57 } }
        guard !whole.isEmpty, whole.count <= 9, isDigits(whole), isDigits(fraction), separator == nil || (1...2).contains(fraction.count) else { return nil }
        let kroner = whole.reduce(0) { $0 * 10 + Int($1 - 48) }
        let ore = fraction.reduce(0) { $0 * 10 + Int($1 - 48) } * (fraction.count == 1 ? 10 : 1)
        return kroner * 100 + ore
    }

    /// Each row whose period overlaps another row's for the same provider and level, with the
    /// line of that other row. Per provider and level the periods are swept in order of their
    /// start, so a file at the row limit is checked in a moment rather than row against row.
    static func overlaps(_ tariffs: [(line: Int, tariff: Tariff)]) -> [(line: Int, message: String)] {
        struct Key: Hashable {
            var provider: String
            var level: SupportLevel
        }
        func end(_ index: Int) -> Int { tariffs[index].tariff.validTo?.dayNumber ?? Int.max }
        var groups: [Key: [Int]] = [:]
        for (index, entry) in tariffs.enumerated() {
            groups[Key(provider: entry.tariff.provider, level: entry.tariff.supportLevel), default: []].append(index)
        }
        var found: [Int: Int] = [:]
        for indices in groups.values {
            // The period reaching furthest so far: a later-starting period overlaps an earlier
            // one exactly when it starts before that one ends.
            var reach: Int?
            for index in indices.sorted(by: { (tariffs[$0].tariff.validFrom, tariffs[$0].line) < (tariffs[$1].tariff.validFrom, tariffs[$1].line) }) {
                if let other = reach, tariffs[index].tariff.validFrom.dayNumber <= end(other) {
                    let (later, earlier) = tariffs[index].line > tariffs[other].line ? (index, other) : (other, index)
                    found[tariffs[later].line] = found[tariffs[later].line] ?? tariffs[earlier].line
                }
                if reach.map({ end(index) > end($0) }) ?? true { reach = index }
            }
        }
        return found.keys.sorted().map { line in
            (line, "overlaps the tariff on line \(found[line] ?? 0) for the same provider and support level")
        }
    }
}
