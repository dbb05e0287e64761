import FFBCatalog
import FFBModel
import Foundation

/// Reads an extract CSV (`citizen,theme,date,level`, other columns ignored) straight from the
/// file's bytes: no `String` per field on the hot path, located errors for anything unusable.
///
/// Hard errors (a missing column, an unknown theme, a level outside 0–4, a bad date, the same
/// citizen, theme and date twice, a cut-off line) stop the read with the line number. A level on
/// a theme that takes none is an error too: extracts carry Aktivitet og deltagelse levels only.
public struct ExtractReader: Sendable {
    public let catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    public func read(contentsOf url: URL) throws(ExtractError) -> Extract {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw ExtractError(line: 0, message: "cannot read the file")
        }
        return try read(data)
    }

    public func read(_ data: Data) throws(ExtractError) -> Extract {
        do {
            return try data.withUnsafeBytes { raw in
                guard let base = raw.bindMemory(to: UInt8.self).baseAddress else {
                    throw ExtractError(line: 1, message: "the file is empty (expected a header citizen,theme,date,level)")
                }
                var parser = Parser(base: base, count: raw.count, catalog: catalog)
                return try parser.run()
            }
        } catch let error as ExtractError {
            throw error
        } catch {
            throw ExtractError(line: 0, message: "\(error)")
        }
    }

    struct Parser {
        let base: UnsafePointer<UInt8>
        let count: Int
        let catalog: Catalog
        var position = 0
        var line = 1
        var separator: UInt8 = UInt8(ascii: ",")

        init(base: UnsafePointer<UInt8>, count: Int, catalog: Catalog) {
            self.base = base
            self.count = count
            self.catalog = catalog
        }

        mutating func run() throws -> Extract {
            if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { position = 3 }
            let columns = try header()
            let themeIndex = ThemeIndex(catalog: catalog)
            var citizens = ByteInterner()
            var seriesByKey: [Int64: Int32] = [:]
            var seriesTheme: [Int32] = []
            var seriesCitizen: [Int32] = []
            var points: [[LevelSeries.Point]] = []
            var pointLines: [[Int32]] = []
            var rows = 0
            var fields = [(start: Int, end: Int)](repeating: (0, 0), count: columns.count)
            let needed = max(columns.citizen, columns.theme, columns.date, columns.level)

            while position < count {
                line += 1
                let lineStart = position
                var field = 0
                var fieldStart = position
                var quoted = false
                // Split one line into fields; quotes are rare in extracts and handled simply.
                while position < count {
                    let byte = base[position]
                    if byte == UInt8(ascii: "\"") {
                        quoted.toggle()
                    } else if !quoted, byte == separator || byte == 10 || byte == 13 {
                        if field < fields.count { fields[field] = (fieldStart, position) }
                        field += 1
                        if byte != separator { break }
                        fieldStart = position + 1
                    }
                    position += 1
                }
                if position >= count, field <= needed, position > lineStart {
                    if field < fields.count { fields[field] = (fieldStart, position) }
                    field += 1
                }
                // Consume the line ending (\n, \r\n).
                if position < count, base[position] == 13 { position += 1 }
                if position < count, base[position] == 10 { position += 1 }
                if position == lineStart + 0 || (field == 1 && fields[0].end == fields[0].start) {
                    continue // a blank line
                }
                if quoted { throw ExtractError(line: line, message: "unterminated quoted field") }
                guard field > needed else {
                    throw ExtractError(line: line, message: "expected \(columns.count) columns, found \(field) (truncated line?)")
                }
                let citizenField = trimmedQuotes(fields[columns.citizen])
                guard citizenField.end > citizenField.start else { throw ExtractError(line: line, message: "empty citizen") }
                let citizen = citizens.index(of: base, start: citizenField.start, length: citizenField.end - citizenField.start)
                guard let theme = themeIndex.index(base: base, field: trimmedQuotes(fields[columns.theme])) else {
                    throw ExtractError(line: line, message: "unknown theme \"\(text(fields[columns.theme]))\"")
                }
                guard let day = parseDay(trimmedQuotes(fields[columns.date])) else {
                    throw ExtractError(line: line, message: "\"\(text(fields[columns.date]))\" is not a date (YYYY-MM-DD)")
                }
                guard let level = parseLevel(trimmedQuotes(fields[columns.level])) else {
                    throw ExtractError(line: line, message: "level \"\(text(fields[columns.level]))\" is not 0–4 or ikke-vurderet")
                }
                if !themeIndex.themes[Int(theme)].scored {
                    throw ExtractError(line: line, message: "theme \"\(themeIndex.themes[Int(theme)].name)\" takes no level")
                }
                let key = Int64(citizen) << 16 | Int64(theme)
                let seriesIndex: Int32
                if let existing = seriesByKey[key] {
                    seriesIndex = existing
                } else {
                    seriesIndex = Int32(points.count)
                    seriesByKey[key] = seriesIndex
                    seriesTheme.append(theme)
                    seriesCitizen.append(citizen)
                    points.append([])
                    pointLines.append([])
                }
                points[Int(seriesIndex)].append(LevelSeries.Point(day: day, level: level))
                pointLines[Int(seriesIndex)].append(Int32(line))
                rows += 1
            }

            var series: [LevelSeries] = []
            series.reserveCapacity(points.count)
            for index in points.indices {
                var list = points[index]
                var lines = pointLines[index]
                if !zip(list, list.dropFirst()).allSatisfy({ $0.day < $1.day }) {
                    let order = list.indices.sorted { (list[$0].day, lines[$0]) < (list[$1].day, lines[$1]) }
                    list = order.map { list[$0] }
                    lines = order.map { lines[$0] }
                    for position in 1..<list.count where list[position].day == list[position - 1].day {
                        throw ExtractError(line: Int(lines[position]), message: "citizen \(citizens.text(seriesCitizen[index], base: base)) has theme \"\(themeIndex.themes[Int(seriesTheme[index])].name)\" twice on \(LocalDate(dayNumber: Int(list[position].day)).iso) (also line \(lines[position - 1]))")
                    }
                }
                series.append(LevelSeries(points: list))
            }
            let names = (0..<citizens.count).map { citizens.text(Int32($0), base: base) }
            return Extract(seriesTheme: seriesTheme, seriesCitizen: seriesCitizen, series: series, themes: themeIndex.themes, citizens: names, rows: rows)
        }

        struct Columns {
            var citizen: Int
            var theme: Int
            var date: Int
            var level: Int
            var count: Int
        }

        mutating func header() throws -> Columns {
            let start = position
            while position < count, base[position] != 10 { position += 1 }
            var end = position
            if end > start, base[end - 1] == 13 { end -= 1 }
            if position < count { position += 1 }
            let text = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
            if !text.contains(","), text.contains(";") { separator = UInt8(ascii: ";") }
            let names = text.split(separator: Character(UnicodeScalar(separator)), omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased() }
            func column(_ name: String) throws -> Int {
                guard let index = names.firstIndex(of: name) else {
                    throw ExtractError(line: 1, message: "missing column \"\(name)\" (the header must name citizen,theme,date,level)")
                }
                return index
            }
            return Columns(citizen: try column("citizen"), theme: try column("theme"), date: try column("date"), level: try column("level"), count: names.count)
        }

        func trimmedQuotes(_ field: (start: Int, end: Int)) -> (start: Int, end: Int) {
            if field.end - field.start >= 2, base[field.start] == UInt8(ascii: "\""), base[field.end - 1] == UInt8(ascii: "\"") {
                return (field.start + 1, field.end - 1)
            }
            return field
        }

        func text(_ field: (start: Int, end: Int)) -> String {
            String(decoding: UnsafeBufferPointer(start: base + field.start, count: field.end - field.start), as: UTF8.self)
        }

        /// `YYYY-MM-DD` straight to a day number, checking the calendar.
        func parseDay(_ field: (start: Int, end: Int)) -> Int32? {
            guard field.end - field.start == 10, base[field.start + 4] == 45, base[field.start + 7] == 45 else { return nil }
            var digits = [Int](repeating: 0, count: 8)
            var index = 0
            for offset in [0, 1, 2, 3, 5, 6, 8, 9] {
                let byte = base[field.start + offset]
                guard byte >= 48, byte <= 57 else { return nil }
                digits[index] = Int(byte - 48)
                index += 1
            }
            let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
            let month = digits[4] * 10 + digits[5]
            let day = digits[6] * 10 + digits[7]
            guard let date = LocalDate(year: year, month: month, day: day) else { return nil }
            return Int32(date.dayNumber)
        }

        func parseLevel(_ field: (start: Int, end: Int)) -> Int8? {
            let length = field.end - field.start
            if length == 1 {
                let byte = base[field.start]
                return byte >= 48 && byte <= 52 ? Int8(byte - 48) : nil
            }
            let text = self.text(field).lowercased()
            return ["ikke-vurderet", "ikke vurderet"].contains(text) ? LevelSeries.notAssessed : nil
        }
    }
}

/// Theme lookup by KL code (parsed from bytes, no allocation) or, on a slow path, by exact name.
struct ThemeIndex {
    let themes: [Theme]
    private let byCode: [UUIDKey: Int32]
    private let byName: [String: Int32]

    struct UUIDKey: Hashable {
        var high: UInt64
        var low: UInt64
    }

    init(catalog: Catalog) {
        themes = catalog.themes
        var codes: [UUIDKey: Int32] = [:]
        var names: [String: Int32] = [:]
        for (index, theme) in themes.enumerated() {
            let bytes = Array(theme.code.rawValue.utf8)
            if let key = bytes.withUnsafeBufferPointer({ Self.key($0.baseAddress!, start: 0, end: $0.count) }) {
                codes[key] = Int32(index)
            }
            names[theme.name.lowercased()] = Int32(index)
        }
        byCode = codes
        byName = names
    }

    func index(base: UnsafePointer<UInt8>, field: (start: Int, end: Int)) -> Int32? {
        if let key = Self.key(base, start: field.start, end: field.end) { return byCode[key] }
        let text = String(decoding: UnsafeBufferPointer(start: base + field.start, count: field.end - field.start), as: UTF8.self)
        return byName[text.lowercased()]
    }

    /// A UUID's 32 hex digits as two 64-bit words; nil for anything else.
    static func key(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> UUIDKey? {
        guard end - start == 36 else { return nil }
        var words: (UInt64, UInt64) = (0, 0)
        var nibbles = 0
        for offset in start..<end {
            let byte = base[offset]
            let value: UInt8
            switch byte {
            case 48...57: value = byte - 48
            case 97...102: value = byte - 87
            case 65...70: value = byte - 55
            case 45: continue
            default: return nil
            }
            if nibbles < 16 { words.0 = words.0 << 4 | UInt64(value) } else { words.1 = words.1 << 4 | UInt64(value) }
            nibbles += 1
        }
        return nibbles == 32 ? UUIDKey(high: words.0, low: words.1) : nil
    }
}
