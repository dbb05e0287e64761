import FFBModel

/// Parses one chunk of an extract's body (whole lines) into rows: series, day, level, line.
struct ChunkParser {
    struct Output {
        var citizens = ByteInterner()
        var seriesByKey: [Int64: Int32] = [:]
        var seriesTheme: [Int16] = []
        var seriesCitizen: [Int32] = []
        var rowSeries: [Int32] = []
        var rowDay: [Int32] = []
        var rowLevel: [Int8] = []
        /// Line within the chunk, from 0.
        var rowLine: [Int32] = []
        var lines = 0
        var error: (line: Int, message: String)?
    }

    let base: UnsafePointer<UInt8>
    let start: Int
    let end: Int
    let layout: Layout
    let themes: ThemeIndex
    private var output = Output()

    init(base: UnsafePointer<UInt8>, start: Int, end: Int, layout: Layout, themes: ThemeIndex) {
        self.base = base
        self.start = start
        self.end = end
        self.layout = layout
        self.themes = themes
    }

    mutating func run() -> Output {
        let estimate = (end - start) / 64
        output.rowSeries.reserveCapacity(estimate)
        output.rowDay.reserveCapacity(estimate)
        output.rowLevel.reserveCapacity(estimate)
        output.rowLine.reserveCapacity(estimate)
        var position = start
        var line: Int32 = -1
        var fieldStarts = [Int](repeating: 0, count: layout.columns + 1)
        var fieldEnds = [Int](repeating: 0, count: layout.columns + 1)
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
            if quoted { return fail(line, "unterminated quoted field") }
            guard field > needed else {
                return fail(line, "expected \(layout.columns) columns, found \(field) (truncated line?)")
            }

            var (cs, ce) = unquote(fieldStarts[layout.citizen], fieldEnds[layout.citizen])
            guard ce > cs else { return fail(line, "empty citizen") }
            let citizen: Int32
            if ce - cs == lastCitizen.length, lastCitizen.start >= 0, memcmp(base + cs, base + lastCitizen.start, ce - cs) == 0 {
                citizen = lastCitizen.index
            } else {
                citizen = output.citizens.index(of: base, start: cs, length: ce - cs)
                lastCitizen = (cs, ce - cs, citizen)
            }
            (cs, ce) = unquote(fieldStarts[layout.theme], fieldEnds[layout.theme])
            let theme: Int16
            if ce - cs == 36, lastTheme.start >= 0, memcmp(base + cs, base + lastTheme.start, 36) == 0 {
                theme = lastTheme.index
            } else {
                guard let found = themes.index(base: base, field: (cs, ce)) else {
                    return fail(line, "unknown theme \"\(text(cs, ce))\"")
                }
                theme = Int16(found)
                lastTheme = (ce - cs == 36 ? cs : -1, theme)
            }
            (cs, ce) = unquote(fieldStarts[layout.date], fieldEnds[layout.date])
            guard let day = parseDay(cs, ce) else {
                return fail(line, "\"\(text(cs, ce))\" is not a date (YYYY-MM-DD)")
            }
            (cs, ce) = unquote(fieldStarts[layout.level], fieldEnds[layout.level])
            guard let level = parseLevel(cs, ce) else {
                return fail(line, "level \"\(text(cs, ce))\" is not 0–4 or ikke-vurderet")
            }
            guard themes.scored[Int(theme)] else {
                return fail(line, "theme \"\(themes.themes[Int(theme)].name)\" takes no level")
            }
            let series: Int32
            if citizen == lastSeries.citizen, theme == lastSeries.theme {
                series = lastSeries.index
            } else {
                let key = Int64(citizen) << 16 | Int64(theme)
                if let existing = output.seriesByKey[key] {
                    series = existing
                } else {
                    series = Int32(output.seriesTheme.count)
                    output.seriesByKey[key] = series
                    output.seriesTheme.append(theme)
                    output.seriesCitizen.append(citizen)
                }
                lastSeries = (citizen, theme, series)
            }
            output.rowSeries.append(series)
            output.rowDay.append(day)
            output.rowLevel.append(level)
            output.rowLine.append(line)
        }
        output.lines = Int(line) + 1
        return output
    }

    private mutating func fail(_ line: Int32, _ message: String) -> Output {
        output.error = (Int(line), message)
        return output
    }

    @inline(__always)
    private func unquote(_ start: Int, _ end: Int) -> (Int, Int) {
        if end - start >= 2, base[start] == 34, base[end - 1] == 34 { return (start + 1, end - 1) }
        return (start, end)
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: max(0, end - start)), as: UTF8.self)
    }

    /// `YYYY-MM-DD` straight to a day number, checking the calendar.
    @inline(__always)
    private func parseDay(_ start: Int, _ end: Int) -> Int32? {
        guard end - start == 10, base[start + 4] == 45, base[start + 7] == 45 else { return nil }
        @inline(__always) func digit(_ offset: Int) -> Int? {
            let byte = base[start + offset]
            return byte >= 48 && byte <= 57 ? Int(byte - 48) : nil
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) else { return nil }
        let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3, month = m0 * 10 + m1, day = d0 * 10 + d1
        guard month >= 1, month <= 12, day >= 1, day <= LocalDate.daysIn(month: month, year: year), year >= 1 else { return nil }
        // Howard Hinnant's days_from_civil, inline: no LocalDate value on the hot path.
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int32(era * 146_097 + doe - 719_468)
    }

    @inline(__always)
    private func parseLevel(_ start: Int, _ end: Int) -> Int8? {
        if end - start == 1 {
            let byte = base[start]
            return byte >= 48 && byte <= 52 ? Int8(byte - 48) : nil
        }
        let lowered = text(start, end).lowercased()
        return lowered == "ikke-vurderet" || lowered == "ikke vurderet" ? LevelSeries.notAssessed : nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
