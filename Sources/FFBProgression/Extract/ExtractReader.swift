import FFBCatalog
import FFBCSV
import FFBFiles
import FFBModel
import FFBParallel
import Foundation

/// Reads an extract CSV (`citizen,theme,date,level`; other columns ignored) as a stream of blocks:
/// no `String` per field on the hot path, one parser per core, and memory of about 7 bytes per
/// row (day, level, and the series run-length coded) plus a few blocks, whatever the file's size.
///
/// Hard errors stop the read with the line number: a missing column, an unknown theme, a level
/// outside 0–4, a bad date, a level on a theme that takes none, the same citizen, theme and date
/// twice, a cut-off line, a line or a citizen too long, too many rows. Rows that merely do not
/// pair are not errors; pairing counts them.
public struct ExtractReader: Sendable {
    public let catalog: Catalog
    /// How many parsers run at once (one per core by default).
    public var workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    /// Bytes per block; small values are for tests.
    public var blockSize = 8 << 20
    /// The longest line, in bytes. Real lines are about 60 bytes; a line of 64 KiB is no extract,
    /// and the limit is what keeps a file without line ends from being read into memory whole.
    package var lineLimit = 64 << 10
    /// The most data rows. A row costs about 33 bytes while the extract is read and merged
    /// (Benchmarks: 333 MB for 10 million rows), so the limit is about 1.7 GB, five times the
    /// largest benchmark; a citizen new on every row, at its longest, costs about four times that.
    /// Row positions are 32-bit, which this keeps far from overflowing.
    package var rowLimit = 50_000_000
    /// Up to two columns whose values group the rows (`provider`, `intervention`, `target_group`,
    /// `goal_type`, `municipality`: what the row's order was), read into `Extract.pointGroups`;
    /// none reads only citizen, theme, date and level.
    public var groupColumns: [String] = []

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// Reads the file at `url` as a stream: no limit on its size, but on its lines and rows; a
    /// FIFO, a pipe or `<(zcat …)` is read as it comes, a folder or device is refused.
    public func read(contentsOf url: URL) throws(ExtractError) -> Extract {
        do {
            var source = try BlockSource(path: url.path, blockSize: blockSize, lineLimit: lineLimit)
            return try read(&source) { try BlockSource(path: url.path, blockSize: blockSize, lineLimit: lineLimit) }
        } catch let error as ExtractError {
            throw error
        } catch {
            throw ExtractError(line: 0, message: "\(error)")
        }
    }

    public func read(_ data: Data) throws(ExtractError) -> Extract {
        do {
            var source = BlockSource(data: data, blockSize: blockSize, lineLimit: lineLimit)
            return try read(&source) { BlockSource(data: data, blockSize: blockSize, lineLimit: lineLimit) }
        } catch let error as ExtractError {
            throw error
        } catch {
            throw ExtractError(line: 0, message: "\(error)")
        }
    }

    private func read(_ source: inout BlockSource, reopen: () throws -> BlockSource) throws -> Extract {
        let first = source.makeBlock()
        do {
            guard try source.next(into: first), !first.isEmpty else {
                throw ExtractError(line: 1, message: "the file is empty (expected a header citizen,theme,date,level)")
            }
        } catch is BlockSource.LineTooLong {
            throw ExtractError.lineTooLong(line: 1, limit: lineLimit)
        }
        if first.count >= 3, first.base[0] == 0xEF, first.base[1] == 0xBB, first.base[2] == 0xBF { first.removeFirst(3) }
        let (layout, header) = try Layout.read(first, lineLimit: lineLimit, groupColumns: groupColumns)
        first.removeFirst(header.next)
        let themes = ThemeIndex(catalog: catalog)

        let boxes = (0..<workers).map { _ in WorkerBox(BlockParser(layout: layout, themes: themes, lineLimit: lineLimit)) }
        // Two sets of buffers: the workers parse one while this thread reads into the other.
        var spare = (0..<(2 * workers - 1)).map { _ in source.makeBlock() }
        var pending: [ByteBlock] = first.isEmpty ? [] : [first]
        if first.isEmpty { spare.append(first) }
        // After a read fails nothing more is read, but the blocks read before it are parsed: an
        // error in them comes first in the file, so it is the one to report.
        var readError: (any Error)?
        func readRound() {
            guard readError == nil else { return }
            do {
                while pending.count < workers, let block = spare.popLast() {
                    guard try source.next(into: block) else {
                        spare.append(block)
                        return
                    }
                    pending.append(block)
                }
            } catch {
                readError = error
            }
        }
        readRound()
        var number = 0
        var tooManyRows = false
        // Each round hands one block to each worker; while they parse, this thread reads the next
        // round's blocks, so reading the file overlaps parsing it.
        let pool = WorkerPool(workers: workers)
        while !pending.isEmpty {
            let parsing = pending, first = number
            number += parsing.count
            pending = []
            pool.forEach(parsing.count, meanwhile: readRound) { index in
                boxes[index].parse(parsing[index], number: first + index)
            }
            spare += parsing
            if boxes.contains(where: { $0.parser.output.error != nil }) { break }
            let rows = boxes.reduce(0) { $0 + $1.parser.output.rowDay.count }
            tooManyRows = rows > rowLimit
            if tooManyRows { break }
            if first == 0, let size = source.byteCount {
                // After the first round, each worker's row arrays are sized for the whole input:
                // block `b` goes to worker `b % workers`, so a worker gets about ⌈blocks / workers⌉
                // blocks (one more for slack: room not written to costs no memory), with about as
                // many rows per byte as these had.
                let bytes = parsing.reduce(0) { $0 + $1.count }
                let blocks = (size + blockSize - 1) / max(blockSize, 1)
                let perWorker = Double(((blocks + workers - 1) / workers + 1) * blockSize) * Double(rows) / Double(max(bytes, 1))
                let reserve = min(Int(perWorker) + 1024, rowLimit + 1)
                for box in boxes { box.reserveRows(reserve) }
            }
        }
        let outputs = boxes.map(\.parser.output)

        // Line numbers: block b starts after the header and the lines of blocks 0..<b.
        var lines: [Int: Int] = [:]
        for output in outputs { lines.merge(output.blockLines) { first, _ in first } }
        func lineNumber(block: Int, line: Int) -> Int {
            1 + header.lines + (0..<block).reduce(0) { $0 + (lines[$1] ?? 0) } + line
        }
        if let error = outputs.compactMap(\.error).min(by: { ($0.block, $0.line) < ($1.block, $1.line) }) {
            throw ExtractError(line: lineNumber(block: error.block, line: error.line), message: error.message)
        }
        if tooManyRows {
            throw ExtractError(line: 0, message: "more than \(rowLimit) rows; split the extract (by period or area)")
        }
        switch readError {
        case nil: break
        case is BlockSource.LineTooLong: throw ExtractError.lineTooLong(line: lineNumber(block: number, line: 0), limit: lineLimit)
        case let error?: throw error
        }
        return try ExtractMerge(outputs: outputs, themes: themes, groupColumns: groupColumns).run { citizen, theme, day in
            var source = try reopen()
            return try Self.lines(in: &source, layout: layout, citizen: citizen, theme: theme, day: day)
        }
    }

    /// The slow path for a duplicate: find the lines holding the citizen, theme and date.
    static func lines(in source: inout BlockSource, layout: Layout, citizen: String, theme: Theme, day: Int32) throws -> [Int] {
        let tokenizer = CSVTokenizer(separator: layout.separator)
        let date = LocalDate(dayNumber: Int(day)).iso
        var fields = [Range<Int>](repeating: 0..<0, count: layout.needed + 1)
        var found: [Int] = []
        var line = 1
        while let block = try source.next() {
            block.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                var position = 0
                while position < buffer.count {
                    let row = tokenizer.row(base, from: position, end: buffer.count) { index, start, end in
                        if index <= layout.needed { fields[index] = start..<end }
                    }
                    func text(_ column: Int) -> String { tokenizer.text(base, from: fields[column].lowerBound, to: fields[column].upperBound) }
                    if row.fields > layout.needed, text(layout.citizen) == citizen, text(layout.date) == date,
                       [theme.code.rawValue, theme.name.lowercased()].contains(text(layout.theme).lowercased()) {
                        found.append(line)
                    }
                    line += row.lines
                    position = row.next
                }
            }
        }
        return found
    }
}

/// A parser that one worker owns for the whole read; a round touches each box from one thread.
final class WorkerBox: @unchecked Sendable {
    private(set) var parser: BlockParser

    init(_ parser: BlockParser) {
        self.parser = parser
    }

    func reserveRows(_ rows: Int) {
        parser.reserveRows(rows)
    }

    func parse(_ block: ByteBlock, number: Int) {
        parser.parse(UnsafeMutableBufferPointer(start: block.base, count: block.count), number: number)
    }
}

/// The header: where the four columns are, and the separator.
struct Layout: Sendable {
    var citizen: Int
    var theme: Int
    var date: Int
    var level: Int
    /// The grouping columns asked for (none, one or two).
    var groups: [Int] = []
    var columns: Int
    var separator: UInt8

    var needed: Int { max(citizen, theme, date, level, groups.max() ?? 0) }

    /// The header at the start of `block` (past a byte-order mark), and the row it takes.
    static func read(_ block: ByteBlock, lineLimit: Int, groupColumns: [String] = []) throws -> (Layout, CSVTokenizer.Row) {
        // The separator is guessed from the first line as it stands.
        let firstLine = block.bytes.prefix { $0 != 10 && $0 != 13 }
        let separator = !firstLine.contains(UInt8(ascii: ",")) && firstLine.contains(UInt8(ascii: ";")) ? UInt8(ascii: ";") : UInt8(ascii: ",")
        let tokenizer = CSVTokenizer(separator: separator)
        var bounds: [Range<Int>] = []
        let row = tokenizer.row(block.base, from: 0, end: block.count, maxLength: lineLimit) { _, start, end in bounds.append(start..<end) }
        guard row.end <= lineLimit else { throw ExtractError.lineTooLong(line: 1, limit: lineLimit) }
        if row.openQuote != nil { throw ExtractError(line: 1, message: "unterminated quoted field") }
        let names = bounds.map { tokenizer.text(block.base, from: $0.lowerBound, to: $0.upperBound).trimmingSpaces().lowercased() }
        return (try Layout(names: names, separator: separator, groupColumns: groupColumns), row)
    }

    init(names: [String], separator: UInt8, groupColumns: [String] = []) throws {
        self.separator = separator
        func column(_ name: String) throws -> Int {
            guard let index = names.firstIndex(of: name) else {
                throw ExtractError(line: 1, message: "missing column \"\(name)\" (the header must name citizen,theme,date,level)")
            }
            return index
        }
        citizen = try column("citizen")
        theme = try column("theme")
        date = try column("date")
        level = try column("level")
        guard groupColumns.count <= 2 else { throw ExtractError(line: 0, message: "an extract is grouped by two columns at most") }
        for name in groupColumns {
            guard let index = names.firstIndex(of: name) else {
                throw ExtractError(line: 1, message: "missing column \"\(name)\" (grouping an extract by it needs the column; 'ffb export --extract csv' writes it)")
            }
            groups.append(index)
        }
        columns = names.count
    }
}
