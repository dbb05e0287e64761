import FFBModel

/// Parses blocks of whole extract lines into rows (series, day, level). One parser per worker;
/// it keeps its own citizen and series numbering across the blocks it is given.
struct BlockParser {
    struct Output: Sendable {
        var citizens = ByteInterner()
        var seriesByKey = SeriesTable()
        var seriesTheme: [Int16] = []
        var seriesCitizen: [Int32] = []
        var rowSeries: [Int32] = []
        var rowDay: [Int32] = []
        var rowLevel: [Int8] = []
        /// Lines per block parsed, by block number.
        var blockLines: [Int: Int] = [:]
        /// The first hard error: block number, line within the block (from 0), message.
        var error: (block: Int, line: Int, message: String)?
    }

    let layout: Layout
    let themes: ThemeIndex
    private(set) var output = Output()
    private var fieldStarts: [Int]
    private var fieldEnds: [Int]

    init(layout: Layout, themes: ThemeIndex) {
        self.layout = layout
        self.themes = themes
        fieldStarts = Array(repeating: 0, count: layout.columns + 1)
        fieldEnds = Array(repeating: 0, count: layout.columns + 1)
    }

    /// Parses one block; stops at the first hard error.
    mutating func parse(_ block: UnsafeBufferPointer<UInt8>, number: Int) {
        guard output.error == nil, let base = block.baseAddress else { return }
        let end = block.count
        var position = 0
        var line = -1
        let separator = layout.separator
        let needed = layout.needed
        // The previous row's citizen, theme and series: extracts are grouped, so most rows reuse them.
        var lastCitizen = (start: -1, length: 0, index: Int32(-1))
        var lastTheme = (start: -1, index: Int16(-1))
        var lastSeries = (citizen: Int32(-1), theme: Int16(-1), index: Int32(-1))

        while position < end {
            line += 1
            let lineStart = position
            var field = 0
            var fieldStart = position
            var quoted = false
            while position < end {
                let byte = base[position]
                if byte == separator, !quoted {
                    if field <= layout.columns {
                        fieldStarts[field] = fieldStart
                        fieldEnds[field] = position
                    }
                    field += 1
                    fieldStart = position + 1
                } else if byte == 10 || byte == 13 {
                    if !quoted { break }
                } else if byte == 34 {
                    quoted.toggle()
                }
                position += 1
            }
            let lineEnd = position
            if field <= layout.columns {
                fieldStarts[field] = fieldStart
                fieldEnds[field] = lineEnd
            }
            field += 1
            if position < end, base[position] == 13 { position += 1 }
            if position < end, base[position] == 10 { position += 1 }
            if lineEnd == lineStart { continue } // a blank line
            func fail(_ message: String) {
                output.error = (number, line, message)
            }
            if quoted { return fail("unterminated quoted field") }
            guard field > needed else {
                return fail("expected \(layout.columns) columns, found \(field) (truncated line?)")
            }

            var (cs, ce) = unquote(base, fieldStarts[layout.citizen], fieldEnds[layout.citizen])
            guard ce > cs else { return fail("empty citizen") }
            let citizen: Int32
            if ce - cs == lastCitizen.length, lastCitizen.start >= 0, memcmp(base + cs, base + lastCitizen.start, ce - cs) == 0 {
                citizen = lastCitizen.index
            } else {
                citizen = output.citizens.index(of: UnsafeBufferPointer(start: base + cs, count: ce - cs))
                lastCitizen = (cs, ce - cs, citizen)
            }
            (cs, ce) = unquote(base, fieldStarts[layout.theme], fieldEnds[layout.theme])
            let theme: Int16
            if ce - cs == 36, lastTheme.start >= 0, memcmp(base + cs, base + lastTheme.start, 36) == 0 {
                theme = lastTheme.index
            } else {
                guard let found = themes.index(base: base, field: (cs, ce)) else {
                    return fail("unknown theme \"\(text(base, cs, ce))\"")
                }
                theme = Int16(found)
                lastTheme = (ce - cs == 36 ? cs : -1, theme)
            }
            (cs, ce) = unquote(base, fieldStarts[layout.date], fieldEnds[layout.date])
            guard let day = Self.parseDay(base, cs, ce) else {
                return fail("\"\(text(base, cs, ce))\" is not a date (YYYY-MM-DD)")
            }
            (cs, ce) = unquote(base, fieldStarts[layout.level], fieldEnds[layout.level])
            guard let level = parseLevel(base, cs, ce) else {
                return fail("level \"\(text(base, cs, ce))\" is not 0–4 or ikke-vurderet")
            }
            guard themes.scored[Int(theme)] else {
                return fail("theme \"\(themes.themes[Int(theme)].name)\" takes no level")
            }
            let series: Int32
            if citizen == lastSeries.citizen, theme == lastSeries.theme {
                series = lastSeries.index
            } else {
                let key = Int64(citizen) << 16 | Int64(theme)
                let next = Int32(output.seriesTheme.count)
                series = output.seriesByKey.value(for: key) { next }
                if series == next {
                    output.seriesTheme.append(theme)
                    output.seriesCitizen.append(citizen)
                }
                lastSeries = (citizen, theme, series)
            }
            output.rowSeries.append(series)
            output.rowDay.append(day)
            output.rowLevel.append(level)
        }
        output.blockLines[number] = line + 1
    }

    @inline(__always)
    private func unquote(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        if end - start >= 2, base[start] == 34, base[end - 1] == 34 { return (start + 1, end - 1) }
        return (start, end)
    }

    private func text(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: max(0, end - start)), as: UTF8.self)
    }

    /// `YYYY-MM-DD` straight to a day number, checking the calendar; no `LocalDate` on the hot path.
    @inline(__always)
    static func parseDay(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int32? {
        guard end - start == 10, base[start + 4] == 45, base[start + 7] == 45 else { return nil }
        @inline(__always) func digit(_ offset: Int) -> Int? {
            let byte = base[start + offset]
            return byte >= 48 && byte <= 57 ? Int(byte - 48) : nil
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) else { return nil }
        let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3, month = m0 * 10 + m1, day = d0 * 10 + d1
        guard year >= 1, month >= 1, month <= 12, day >= 1, day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int32(era * 146_097 + doe - 719_468)
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
