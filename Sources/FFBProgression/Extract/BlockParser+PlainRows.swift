import FFBCSV
import FFBModel

/// The common row shape, read at fixed offsets instead of field by field: a citizen of up to 64
/// bytes, a theme's lowercase UUID code, an ISO date and a level digit, e.g.
/// `P-00000000,2ba29098-a527-43d5-b858-4c5353669f42,2023-06-24,0`, then a line feed (or, when
/// the header has more columns, the separator and the rest of the row, scanned as usual).
///
/// Each field is checked as it is read, and a row that is anything else (quotes, CRLF, a theme by
/// name or in capitals, another width, a two-digit level, `ikke-vurderet`, no line end) is left to
/// the general path, which reads it again from its start: so the values are the ones the general
/// path finds, and every error, with its line, is the general path's own.
struct PlainRowReader {
    /// What one row yields.
    struct Row {
        /// The citizen is the bytes from the row's start to here (the separator).
        var citizenEnd: Int
        /// Whether they are the bytes of the citizen of the last row this reader read.
        var sameCitizen: Bool
        var theme: Int16
        var day: Int32
        var level: Int8
        /// Where the next row starts.
        var next: Int
    }

    private let tokenizer: CSVTokenizer
    private let columns: Int
    private let needed: Int
    private let lineLimit: Int
    private let themes: ThemeIndex
    private let scratch: BlockParser.Scratch
    /// The theme this reader found last (−1: none), compared first: extracts run theme by theme.
    private var lastTheme = Int32(-1)
    /// The citizen of the last row this reader read (its bytes in the block; none at first),
    /// compared first: extracts run citizen by citizen. A reader lives for one block.
    private var lastCitizen = (start: 0, length: 0)

    /// Whether the layout allows it: the columns start citizen,theme,date,level and no grouping
    /// column is one of those four. If not, `read` leaves every row to the general path.
    private let enabled: Bool

    init(layout: Layout, themes: ThemeIndex, lineLimit: Int, scratch: BlockParser.Scratch) {
        enabled = (layout.citizen, layout.theme, layout.date, layout.level) == (0, 1, 2, 3) && layout.groups.allSatisfy { $0 > 3 }
        tokenizer = CSVTokenizer(separator: layout.separator)
        columns = layout.columns
        needed = layout.needed
        self.lineLimit = lineLimit
        self.themes = themes
        self.scratch = scratch
    }

    /// The row at `start` read at fixed offsets, or nil when it is not of the common shape.
    @inline(__always)
    mutating func read(_ base: UnsafePointer<UInt8>, at start: Int, end: Int) -> Row? {
        guard enabled else { return nil }
        let separator = tokenizer.separator
        // The citizen ends at the first separator, quote or line end; it must be a separator. (The
        // last row's citizen had none of them, so the same bytes and a separator are that.) The
        // theme, date and level are then at fixed offsets past it, each ended by a separator.
        var citizenEnd = start &+ lastCitizen.length
        let sameCitizen = lastCitizen.length > 0 && citizenEnd < end && base[citizenEnd] == separator
            && BlockParser.equal(base + start, base + lastCitizen.start, lastCitizen.length)
        if !sameCitizen {
            citizenEnd = tokenizer.nextSpecialByte(base, from: start, limit: min(end, start &+ BlockParser.maxCitizenBytes &+ 1))
        }
        let themeStart = citizenEnd &+ 1, dateStart = citizenEnd &+ 38, levelAt = citizenEnd &+ 49, after = citizenEnd &+ 50
        guard citizenEnd > start, citizenEnd &- start <= BlockParser.maxCitizenBytes, after < end, base[citizenEnd] == separator, base[dateStart &- 1] == separator, base[levelAt &- 1] == separator else {
            return nil
        }
        // A known UUID code holds no separator, quote or line end, nor does a valid date or a
        // level digit: so the fields are what the tokenizer would have found.
        let theme: Int32
        if lastTheme >= 0, BlockParser.equal(base + themeStart, themes.uuidCode(lastTheme), 36) {
            theme = lastTheme
        } else {
            guard let found = themes.uuidCode(at: base + themeStart) else { return nil }
            theme = found
            lastTheme = found
        }
        guard let day = scratch.days.day(base + dateStart) else { return nil }
        let levelByte = base[levelAt]
        guard levelByte >= 48, levelByte <= 52 else { return nil }
        let next: Int
        if columns == 4 {
            guard base[after] == 10, after &- start <= lineLimit else { return nil }
            next = after &+ 1
        } else {
            guard base[after] == separator, let restEnd = rest(base, rowStart: start, from: after &+ 1, end: end) else { return nil }
            next = restEnd
        }
        lastCitizen = (start, citizenEnd &- start)
        return Row(citizenEnd: citizenEnd, sameCitizen: sameCitizen, theme: Int16(theme), day: day, level: Int8(levelByte &- 48), next: next)
    }

    /// The columns after the level, as the tokenizer reads them, the grouping columns' bounds
    /// recorded where the general path records them; where the next row starts, or nil when the
    /// rest holds a quote, too few cells or too many bytes. (Apart from `read`, which stays small
    /// enough to be inlined into the row loop.)
    @inline(never)
    private func rest(_ base: UnsafePointer<UInt8>, rowStart: Int, from start: Int, end: Int) -> Int? {
        let fieldStarts = scratch.fieldStarts, fieldEnds = scratch.fieldEnds, columns = columns
        let rest = tokenizer.row(base, from: start, end: end, maxLength: lineLimit &- (start &- rowStart)) { field, start, end in
            if field &+ 4 <= columns {
                fieldStarts[field &+ 4] = start
                fieldEnds[field &+ 4] = end
            }
        }
        guard !rest.hasQuotes, rest.fields &+ 4 > needed, rest.end &- rowStart <= lineLimit else { return nil }
        return rest.next
    }
}

/// Day numbers of the dates read lately, by their ten bytes. An extract repeats a citizen's few
/// assessment dates across its themes, so most rows find their date here instead of parsing and
/// checking it against the calendar again. Direct-mapped; only valid dates are kept.
final class DayCache: @unchecked Sendable {
    private static let slots = 256
    /// Each slot's date: its first eight bytes, its last two, and its day number.
    private let heads: UnsafeMutablePointer<UInt64>
    private let tails: UnsafeMutablePointer<UInt16>
    private let days: UnsafeMutablePointer<Int32>

    init() {
        // Every slot starts out holding a valid date, so a slot needs no "empty" mark.
        let epoch = Array("1970-01-01".utf8)
        let (head, tail) = epoch.withUnsafeBufferPointer { Self.key($0.baseAddress!) }
        heads = .allocate(capacity: Self.slots)
        heads.initialize(repeating: head, count: Self.slots)
        tails = .allocate(capacity: Self.slots)
        tails.initialize(repeating: tail, count: Self.slots)
        days = .allocate(capacity: Self.slots)
        days.initialize(repeating: 0, count: Self.slots)
    }

    deinit {
        heads.deallocate()
        tails.deallocate()
        days.deallocate()
    }

    @inline(__always)
    private static func key(_ bytes: UnsafePointer<UInt8>) -> (UInt64, UInt16) {
        (UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self), UnsafeRawPointer(bytes + 8).loadUnaligned(as: UInt16.self))
    }

    /// The day number of the ten bytes at `bytes` as `YYYY-MM-DD`, or nil if they are no date.
    @inline(__always)
    func day(_ bytes: UnsafePointer<UInt8>) -> Int32? {
        let (head, tail) = Self.key(bytes)
        let slot = Int(truncatingIfNeeded: ((head ^ UInt64(tail) &<< 48) &* 0x9E37_79B9_7F4A_7C15) &>> 56)
        if heads[slot] == head, tails[slot] == tail { return days[slot] }
        guard let day = BlockParser.parseDay(bytes, 0, 10) else { return nil }
        heads[slot] = head
        tails[slot] = tail
        days[slot] = day
        return day
    }
}
