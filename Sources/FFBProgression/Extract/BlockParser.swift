import FFBCSV
import FFBFiles
import FFBModel

/// Parses blocks of whole extract lines into rows (series, day, level). One parser per worker;
/// it keeps its own citizen and series numbering across the blocks it is given.
///
/// Extracts are written citizen by citizen, so while a citizen's rows run on, its series are found
/// in a small per-theme table, with no hashing per row. Only when a citizen comes back after
/// another does the parser switch, for good, to a (citizen, theme) hash table over all series.
struct BlockParser {
    struct Output: Sendable {
        var citizens = ByteInterner()
        /// Series by (citizen, theme) key; nil while every citizen's rows have come in one run.
        var seriesByKey: SeriesTable?
        var seriesTheme: [Int16] = []
        var seriesCitizen: [Int32] = []
        /// The rows' series, run-length coded: rows come series by series (a citizen's theme's
        /// dates together), so a run of rows of one series is one entry, not four bytes a row.
        var seriesRuns: [Int32] = []
        var runLengths: [Int32] = []
        var rowDay: [Int32] = []
        var rowLevel: [Int8] = []
        /// The grouping columns' values, and each row's (−1: a cell empty); only with
        /// `Layout.groups`. With two columns a value is both cells joined by `groupSeparator`.
        var groups = ByteInterner()
        var rowGroup: [Int32] = []
        /// Lines per block parsed, by block number.
        var blockLines: [Int: Int] = [:]
        /// The first hard error: block number, line within the block (from 0), message.
        var error: (block: Int, line: Int, message: String)?
    }

    /// A pseudonym is a short code; this bounds what one citizen can cost in memory.
    static let maxCitizenBytes = 64
    /// Joins the two cells of a grouping by two columns into one value (ASCII unit separator).
    static let groupSeparator: UInt8 = 0x1F

    let layout: Layout
    let themes: ThemeIndex
    let lineLimit: Int
    private(set) var output = Output()
    private let scratch: Scratch
    /// The citizen whose rows are running (its series are in `scratch.runSeries`).
    private var runCitizen = Int32(-1)

    init(layout: Layout, themes: ThemeIndex, lineLimit: Int) {
        self.layout = layout
        self.themes = themes
        self.lineLimit = lineLimit
        scratch = Scratch(columns: layout.columns + 1, themes: themes.themes.count)
    }

    /// The parser's working memory, outside Swift arrays so the per-byte and per-row loops pay no
    /// uniqueness or bounds checks: field positions, the running citizen's series by theme (valid
    /// where the stamp is that citizen), and one block's rows before they join the output.
    final class Scratch: @unchecked Sendable {
        let fieldStarts: UnsafeMutablePointer<Int>
        let fieldEnds: UnsafeMutablePointer<Int>
        let runSeries: UnsafeMutablePointer<Int32>
        let runStamp: UnsafeMutablePointer<Int32>
        private(set) var seriesRuns: UnsafeMutablePointer<Int32>
        private(set) var runLengths: UnsafeMutablePointer<Int32>
        private(set) var rowDay: UnsafeMutablePointer<Int32>
        private(set) var rowLevel: UnsafeMutablePointer<Int8>
        private(set) var rowGroup: UnsafeMutablePointer<Int32>
        private(set) var rowCapacity = 0
        let days = DayCache()

        init(columns: Int, themes: Int) {
            fieldStarts = .allocate(capacity: columns)
            fieldStarts.initialize(repeating: 0, count: columns)
            fieldEnds = .allocate(capacity: columns)
            fieldEnds.initialize(repeating: 0, count: columns)
            runSeries = .allocate(capacity: max(themes, 1))
            runSeries.initialize(repeating: 0, count: max(themes, 1))
            runStamp = .allocate(capacity: max(themes, 1))
            runStamp.initialize(repeating: -1, count: max(themes, 1))
            seriesRuns = .allocate(capacity: 0)
            runLengths = .allocate(capacity: 0)
            rowDay = .allocate(capacity: 0)
            rowLevel = .allocate(capacity: 0)
            rowGroup = .allocate(capacity: 0)
        }

        /// Room for `rows` rows (a block of n bytes holds at most n / 15 + 1 of them).
        func reserveRows(_ rows: Int) {
            guard rows > rowCapacity else { return }
            seriesRuns.deallocate()
            runLengths.deallocate()
            rowDay.deallocate()
            rowLevel.deallocate()
            rowGroup.deallocate()
            seriesRuns = .allocate(capacity: rows)
            runLengths = .allocate(capacity: rows)
            rowDay = .allocate(capacity: rows)
            rowLevel = .allocate(capacity: rows)
            rowGroup = .allocate(capacity: rows)
            rowCapacity = rows
        }

        deinit {
            fieldStarts.deallocate()
            fieldEnds.deallocate()
            runSeries.deallocate()
            runStamp.deallocate()
            seriesRuns.deallocate()
            runLengths.deallocate()
            rowDay.deallocate()
            rowLevel.deallocate()
            rowGroup.deallocate()
        }
    }

    /// Makes room for `rows` rows in all, so the row arrays are allocated once rather than grown
    /// by doubling (which copies them and touches about twice their memory).
    mutating func reserveRows(_ rows: Int) {
        // Runs and citizens: as many per row as so far, and a tenth more (the citizens' table then
        // needs no rehash, which touches every entry in a random order).
        let perRow = Double(rows) / Double(max(output.rowDay.count, 1)) * 1.1
        output.seriesRuns.reserveCapacity(Int(Double(output.seriesRuns.count) * perRow) + 1024)
        output.runLengths.reserveCapacity(Int(Double(output.runLengths.count) * perRow) + 1024)
        output.citizens.reserveCapacity(Int(Double(output.citizens.count) * perRow) + 1024)
        output.rowDay.reserveCapacity(rows)
        output.rowLevel.reserveCapacity(rows)
        if !layout.groups.isEmpty { output.rowGroup.reserveCapacity(rows) }
    }

    /// Parses one block; stops at the first hard error. Fields are found by `CSVTokenizer`; the
    /// few that hold quotes are decoded in place, so the block's bytes are the parser's to change.
    mutating func parse(_ block: UnsafeMutableBufferPointer<UInt8>, number: Int) {
        guard output.error == nil, let base = block.baseAddress else { return }
        let end = block.count
        var position = 0
        var line = 0
        let tokenizer = CSVTokenizer(separator: layout.separator)
        let columns = layout.columns, needed = layout.needed
        // The previous row's citizen, theme and series: extracts are grouped, so most rows reuse them.
        var lastCitizen = (start: -1, length: 0, index: Int32(-1))
        var lastTheme = (start: -1, index: Int16(-1))
        var lastSeries = (citizen: Int32(-1), theme: Int16(-1), index: Int32(-1))
        var lastDate = (start: -1, day: Int32(0))
        // Rows of the common shape are read at fixed offsets (`PlainRowReader`), the rest field by field.
        var plainRows = PlainRowReader(layout: layout, themes: themes, lineLimit: lineLimit, scratch: scratch)
        var lastRowWasPlain = false
        let fieldStarts = scratch.fieldStarts, fieldEnds = scratch.fieldEnds
        let runSeries = scratch.runSeries, runStamp = scratch.runStamp
        // A row takes at least 15 bytes ("c,t,YYYY-MM-DD,l") and a line end, so this bounds the rows.
        scratch.reserveRows(end / 15 + 1)
        let seriesRuns = scratch.seriesRuns, runLengths = scratch.runLengths, rowDay = scratch.rowDay, rowLevel = scratch.rowLevel, rowGroup = scratch.rowGroup
        let groupColumn = layout.groups.first ?? -1, secondColumn = layout.groups.count > 1 ? layout.groups[1] : -1
        var lastGroup = (start: -1, length: 0, secondStart: -1, secondLength: 0, index: Int32(-1))
        var joined: [UInt8] = []
        var rows = 0, runs = 0
        defer {
            output.seriesRuns.append(contentsOf: UnsafeBufferPointer(start: seriesRuns, count: runs))
            output.runLengths.append(contentsOf: UnsafeBufferPointer(start: runLengths, count: runs))
            output.rowDay.append(contentsOf: UnsafeBufferPointer(start: rowDay, count: rows))
            output.rowLevel.append(contentsOf: UnsafeBufferPointer(start: rowLevel, count: rows))
            if groupColumn >= 0 { output.rowGroup.append(contentsOf: UnsafeBufferPointer(start: rowGroup, count: rows)) }
        }

        while position < end {
            let rowStart = position, rowLine = line
            func fail(_ message: String) {
                output.error = (number, rowLine, message)
            }
            // The row's citizen (its bytes), theme, day and level: read at fixed offsets when the
            // row has the common shape, else field by field, which also says what is wrong.
            let (cs, ce): (Int, Int)
            let theme: Int16, day: Int32, level: Int8
            // Whether the citizen is the last row's: a plain row after a plain row of the same bytes.
            var knownCitizen = false
            if let row = plainRows.read(base, at: rowStart, end: end) {
                (cs, ce) = (rowStart, row.citizenEnd)
                (theme, day, level) = (row.theme, row.day, row.level)
                knownCitizen = row.sameCitizen && lastRowWasPlain
                lastRowWasPlain = true
                position = row.next
                line += 1
            } else {
                lastRowWasPlain = false
                let row = tokenizer.row(base, from: position, end: end, maxLength: lineLimit) { field, start, end in
                    if field <= columns {
                        fieldStarts[field] = start
                        fieldEnds[field] = end
                    }
                }
                position = row.next
                line += row.lines
                if row.end - rowStart > lineLimit { return fail(ExtractError.lineTooLong(line: 0, limit: lineLimit).message) }
                if row.end == rowStart { continue } // a blank line
                if row.openQuote != nil { return fail("unterminated quoted field") }
                guard row.fields > needed else {
                    return fail("expected \(columns) columns, found \(row.fields) (truncated line?)")
                }
                if row.hasQuotes {
                    for column in [layout.citizen, layout.theme, layout.date, layout.level] + layout.groups {
                        fieldEnds[column] = fieldStarts[column] + tokenizer.value(base, from: fieldStarts[column], to: fieldEnds[column], into: base + fieldStarts[column]).count
                    }
                }
                (cs, ce) = (fieldStarts[layout.citizen], fieldEnds[layout.citizen])
                guard ce > cs else { return fail("empty citizen") }
                guard ce - cs <= Self.maxCitizenBytes else {
                    return fail("citizen \(Excerpt.quoted(bytes: UnsafeBufferPointer(start: base + cs, count: ce - cs))) is longer than \(Self.maxCitizenBytes) bytes")
                }
                var (fs, fe) = (fieldStarts[layout.theme], fieldEnds[layout.theme])
                if fe - fs == 36, lastTheme.start >= 0, Self.equal(base + fs, base + lastTheme.start, 36) {
                    theme = lastTheme.index
                } else {
                    guard let found = themes.index(base: base, field: (fs, fe)) else {
                        return fail("unknown theme \(excerpt(base, fs, fe))")
                    }
                    theme = Int16(found)
                    lastTheme = (fe - fs == 36 ? fs : -1, theme)
                }
                (fs, fe) = (fieldStarts[layout.date], fieldEnds[layout.date])
                if fe - fs == 10, lastDate.start >= 0, Self.equal(base + fs, base + lastDate.start, 10) {
                    day = lastDate.day
                } else {
                    guard let parsed = Self.parseDay(base, fs, fe) else {
                        return fail("\(excerpt(base, fs, fe)) is not a date (YYYY-MM-DD)")
                    }
                    day = parsed
                    lastDate = (fe - fs == 10 ? fs : -1, day)
                }
                (fs, fe) = (fieldStarts[layout.level], fieldEnds[layout.level])
                guard let parsed = parseLevel(base, fs, fe) else {
                    return fail("level \(excerpt(base, fs, fe)) is not 0–4 or ikke-vurderet")
                }
                level = parsed
            }

            let citizen: Int32
            if knownCitizen || ce - cs == lastCitizen.length && lastCitizen.start >= 0 && Self.equal(base + cs, base + lastCitizen.start, ce - cs) {
                citizen = lastCitizen.index
            } else {
                let known = output.citizens.count
                citizen = output.citizens.index(of: UnsafeBufferPointer(start: base + cs, count: ce - cs))
                lastCitizen = (cs, ce - cs, citizen)
                if citizen >= known, Self.isCPRNumber(base + cs, count: ce - cs) {
                    return fail("the citizen is a CPR number; an extract names citizens by pseudonym, never by CPR number ('ffb export --extract csv' writes pseudonyms)")
                }
                if citizen != runCitizen {
                    // A citizen seen before, after others: its series may be anywhere.
                    if citizen < known, output.seriesByKey == nil { indexAllSeries() }
                    runCitizen = citizen
                }
            }
            guard themes.scored[Int(theme)] else {
                return fail("theme \"\(themes.themes[Int(theme)].name)\" takes no level")
            }
            let series: Int32
            if citizen == lastSeries.citizen, theme == lastSeries.theme {
                series = lastSeries.index
            } else if output.seriesByKey == nil {
                if runStamp[Int(theme)] == citizen {
                    series = runSeries[Int(theme)]
                } else {
                    series = Int32(output.seriesTheme.count)
                    output.seriesTheme.append(theme)
                    output.seriesCitizen.append(citizen)
                    runStamp[Int(theme)] = citizen
                    runSeries[Int(theme)] = series
                }
                lastSeries = (citizen, theme, series)
            } else {
                let key = Int64(citizen) << 16 | Int64(theme)
                let next = Int32(output.seriesTheme.count)
                series = output.seriesByKey!.value(for: key) { next }
                if series == next {
                    output.seriesTheme.append(theme)
                    output.seriesCitizen.append(citizen)
                }
                lastSeries = (citizen, theme, series)
            }
            if groupColumn >= 0 {
                let (cs, ce) = (fieldStarts[groupColumn], fieldEnds[groupColumn])
                let (ss, se) = secondColumn >= 0 ? (fieldStarts[secondColumn], fieldEnds[secondColumn]) : (0, 0)
                if ce == cs || (secondColumn >= 0 && se == ss) {
                    rowGroup[rows] = -1
                } else if ce - cs == lastGroup.length, lastGroup.start >= 0, Self.equal(base + cs, base + lastGroup.start, ce - cs),
                          se - ss == lastGroup.secondLength, secondColumn < 0 || Self.equal(base + ss, base + lastGroup.secondStart, se - ss) {
                    rowGroup[rows] = lastGroup.index
                } else {
                    for (start, end) in [(cs, ce), (ss, se)] {
                        if end - start > Self.maxCitizenBytes { return fail("\(excerpt(base, start, end)) is longer than \(Self.maxCitizenBytes) bytes") }
                        if secondColumn >= 0, UnsafeBufferPointer(start: base + start, count: end - start).contains(Self.groupSeparator) {
                            return fail("\(excerpt(base, start, end)) holds a control character")
                        }
                    }
                    let index: Int32
                    if secondColumn < 0 {
                        index = output.groups.index(of: UnsafeBufferPointer(start: base + cs, count: ce - cs))
                    } else {
                        joined.removeAll(keepingCapacity: true)
                        joined.append(contentsOf: UnsafeBufferPointer(start: base + cs, count: ce - cs))
                        joined.append(Self.groupSeparator)
                        joined.append(contentsOf: UnsafeBufferPointer(start: base + ss, count: se - ss))
                        index = joined.withUnsafeBufferPointer { output.groups.index(of: $0) }
                    }
                    lastGroup = (cs, ce - cs, ss, se - ss, index)
                    rowGroup[rows] = index
                }
            }
            if runs > 0, seriesRuns[runs &- 1] == series {
                runLengths[runs &- 1] &+= 1
            } else {
                seriesRuns[runs] = series
                runLengths[runs] = 1
                runs &+= 1
            }
            rowDay[rows] = day
            rowLevel[rows] = level
            rows += 1
        }
        output.blockLines[number] = line
    }

    /// Whether the bytes are a CPR number (personal data that an extract must not hold): either
    /// form `CPRNumber` reads, around spaces, the six and four apart by a space, a no-break space
    /// or hyphen or an en dash too; checked once per citizen.
    static func isCPRNumber(_ bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
        // Ten digits and nothing but spaces and one separator: a pseudonym ("P-…") is not looked at further.
        guard count >= 10, count <= 24 else { return false }
        var digits = 0
        for offset in 0..<count {
            let byte = bytes[offset]
            if byte >= 48, byte <= 57 { digits += 1 } else if (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) { return false }
        }
        guard digits == 10 else { return false }
        var text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self).trimmingSpaces()
        for separator in [" ", "\u{00A0}", "\u{2011}", "\u{2013}"] { text = text.replacingOccurrences(of: separator, with: "-") }
        return (try? CPRNumber(text)) != nil
    }

    /// Leaves the run mode: every series so far goes into the keyed table.
    private mutating func indexAllSeries() {
        var table = SeriesTable(capacity: max(1 << 10, output.seriesTheme.count * 2))
        for series in output.seriesTheme.indices {
            let key = Int64(output.seriesCitizen[series]) << 16 | Int64(output.seriesTheme[series])
            _ = table.value(for: key) { Int32(series) }
        }
        output.seriesByKey = table
    }

    /// Byte equality for short fields, eight bytes at a time, then four, two and one, without a
    /// call to `memcmp`.
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var offset = 0
        while offset &+ 8 <= count {
            if UnsafeRawPointer(a + offset).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + offset).loadUnaligned(as: UInt64.self) { return false }
            offset &+= 8
        }
        if offset &+ 4 <= count {
            if UnsafeRawPointer(a + offset).loadUnaligned(as: UInt32.self) != UnsafeRawPointer(b + offset).loadUnaligned(as: UInt32.self) { return false }
            offset &+= 4
        }
        if offset &+ 2 <= count {
            if UnsafeRawPointer(a + offset).loadUnaligned(as: UInt16.self) != UnsafeRawPointer(b + offset).loadUnaligned(as: UInt16.self) { return false }
            offset &+= 2
        }
        return offset == count || a[offset] == b[offset]
    }

    private func text(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: max(0, end - start)), as: UTF8.self)
    }

    /// A field quoted in a message, cut short.
    private func excerpt(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String {
        Excerpt.quoted(bytes: UnsafeBufferPointer(start: base + start, count: max(0, end - start)))
    }

    /// `YYYY-MM-DD` straight to a day number, checking the calendar; no `LocalDate` on the hot path.
    @inline(__always)
    static func parseDay(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int32? {
        end - start == 10 ? LocalDate.dayNumber(iso: UnsafeBufferPointer(start: base + start, count: 10)) : nil
    }

    @inline(__always)
    private func parseLevel(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int8? {
        if end - start == 1 {
            let byte = base[start]
            return byte >= 48 && byte <= 52 ? Int8(byte - 48) : nil
        }
        let lowered = text(base, start, end).lowercased()
        return lowered == "ikke-vurderet" || lowered == "ikke vurderet" ? LevelSeries.notAssessed : nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
