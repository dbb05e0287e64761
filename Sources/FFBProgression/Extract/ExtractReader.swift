import Dispatch
import FFBCatalog
import FFBModel
import Foundation

/// Reads an extract CSV (`citizen,theme,date,level`; other columns ignored) straight from the
/// memory-mapped file: no `String` per field on the hot path, both cores for large files, memory
/// of about 13 bytes per row while reading and 9 bytes per row after.
///
/// Hard errors stop the read with the line number: a missing column, an unknown theme, a level
/// outside 0–4, a bad date, a level on a theme that takes none, the same citizen, theme and date
/// twice, a cut-off line. Rows that merely do not pair are not errors; pairing counts them.
public struct ExtractReader: Sendable {
    public let catalog: Catalog
    /// Files smaller than this are read on one thread (splitting costs more than it saves).
    public var parallelThreshold = 4 << 20

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
        let result: Result<Extract, ExtractError> = data.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress, raw.count > 0 else {
                return .failure(ExtractError(line: 1, message: "the file is empty (expected a header citizen,theme,date,level)"))
            }
            do {
                return .success(try read(base: base, count: raw.count))
            } catch let error as ExtractError {
                return .failure(error)
            } catch {
                return .failure(ExtractError(line: 0, message: "\(error)"))
            }
        }
        return try result.get()
    }

    private func read(base: UnsafePointer<UInt8>, count: Int) throws -> Extract {
        var position = 0
        if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { position = 3 }
        let layout = try Layout(base: base, count: count, position: &position)
        let themes = ThemeIndex(catalog: catalog)

        // Split the body at line starts, one chunk per core for large files.
        let chunkCount = count - position > parallelThreshold ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) : 1
        var bounds = [position]
        for index in 1..<max(chunkCount, 1) {
            var cut = position + (count - position) * index / chunkCount
            while cut < count, base[cut - 1] != 10 { cut += 1 }
            bounds.append(max(cut, bounds[bounds.count - 1]))
        }
        bounds.append(count)

        let shared = SharedInput(base: base)
        let slots = ChunkSlots(count: chunkCount)
        let cuts = bounds
        DispatchQueue.concurrentPerform(iterations: chunkCount) { index in
            var chunk = ChunkParser(base: shared.base, start: cuts[index], end: cuts[index + 1], layout: layout, themes: themes)
            slots.store(index, chunk.run())
        }

        // Line numbers: chunk i starts after the header and the lines of the chunks before it.
        var lineBase = [2]
        for index in 0..<chunkCount {
            lineBase.append(lineBase[index] + slots.chunk(index).lines)
        }
        for index in 0..<chunkCount {
            if let error = slots.chunk(index).error {
                throw ExtractError(line: lineBase[index] + error.line, message: error.message)
            }
        }
        return try merge((0..<chunkCount).map { slots.chunk($0) }, lineBase: lineBase, base: base, themes: themes)
    }

    /// Joins the chunks: one citizen numbering, one series numbering, points grouped per series
    /// (a counting sort) and ordered by day, duplicates found.
    private func merge(_ chunks: [ChunkParser.Output], lineBase: [Int], base: UnsafePointer<UInt8>, themes: ThemeIndex) throws -> Extract {
        var citizens = chunks[0].citizens
        var seriesOf = chunks[0].seriesByKey
        var seriesTheme = chunks[0].seriesTheme
        var seriesCitizen = chunks[0].seriesCitizen
        var remaps: [[Int32]] = [Array(0..<Int32(seriesTheme.count))]
        for chunk in chunks.dropFirst() {
            var citizenMap = [Int32](repeating: 0, count: chunk.citizens.count)
            for local in 0..<chunk.citizens.count {
                let (start, length) = chunk.citizens.range(Int32(local))
                citizenMap[local] = citizens.index(of: base, start: start, length: length)
            }
            var remap = [Int32](repeating: 0, count: chunk.seriesTheme.count)
            for local in 0..<chunk.seriesTheme.count {
                let citizen = citizenMap[Int(chunk.seriesCitizen[local])]
                let key = Int64(citizen) << 16 | Int64(chunk.seriesTheme[local])
                if let existing = seriesOf[key] {
                    remap[local] = existing
                } else {
                    let index = Int32(seriesTheme.count)
                    seriesOf[key] = index
                    seriesTheme.append(chunk.seriesTheme[local])
                    seriesCitizen.append(citizen)
                    remap[local] = index
                }
            }
            remaps.append(remap)
        }

        // Counting sort of the rows by series.
        let seriesCount = seriesTheme.count
        var start = [Int32](repeating: 0, count: seriesCount + 1)
        for (chunk, remap) in zip(chunks, remaps) {
            for local in chunk.rowSeries { start[Int(remap[Int(local)]) + 1] += 1 }
        }
        for index in 0..<seriesCount { start[index + 1] += start[index] }
        let total = Int(start[seriesCount])
        var days = [Int32](repeating: 0, count: total)
        var levels = [Int8](repeating: 0, count: total)
        var lines = [Int32](repeating: 0, count: total)
        var fill = start
        for (chunkIndex, (chunk, remap)) in zip(chunks, remaps).enumerated() {
            let offset = Int32(lineBase[chunkIndex])
            for row in 0..<chunk.rowSeries.count {
                let series = Int(remap[Int(chunk.rowSeries[row])])
                let slot = Int(fill[series])
                fill[series] += 1
                days[slot] = chunk.rowDay[row]
                levels[slot] = chunk.rowLevel[row]
                lines[slot] = chunk.rowLine[row] + offset
            }
        }

        // Order each series by day (extracts are usually sorted already) and refuse duplicates.
        for series in 0..<seriesCount {
            let range = Int(start[series])..<Int(start[series + 1])
            guard range.count > 1 else { continue }
            var sorted = true
            for index in range.dropFirst() where days[index] <= days[index - 1] {
                sorted = false
                break
            }
            if sorted { continue }
            let order = range.sorted { (days[$0], lines[$0]) < (days[$1], lines[$1]) }
            let sortedDays = order.map { days[$0] }, sortedLevels = order.map { levels[$0] }, sortedLines = order.map { lines[$0] }
            for (offset, index) in range.enumerated() {
                days[index] = sortedDays[offset]
                levels[index] = sortedLevels[offset]
                lines[index] = sortedLines[offset]
            }
            for index in range.dropFirst() where days[index] == days[index - 1] {
                let first = min(lines[index], lines[index - 1]), second = max(lines[index], lines[index - 1])
                throw ExtractError(line: Int(second), message: "citizen \(citizens.text(seriesCitizen[series], base: base)) has theme \"\(themes.themes[Int(seriesTheme[series])].name)\" twice on \(LocalDate(dayNumber: Int(days[index])).iso) (also line \(first))")
            }
        }
        return Extract(themes: themes.themes, citizenCount: citizens.count, rows: total, seriesTheme: seriesTheme, seriesStart: start, days: days, levels: levels)
    }
}

/// The header: where the four columns are, and the separator.
struct Layout: Sendable {
    var citizen: Int
    var theme: Int
    var date: Int
    var level: Int
    var columns: Int
    var separator: UInt8

    var needed: Int { max(citizen, theme, date, level) }

    init(base: UnsafePointer<UInt8>, count: Int, position: inout Int) throws {
        let start = position
        while position < count, base[position] != 10 { position += 1 }
        var end = position
        if end > start, base[end - 1] == 13 { end -= 1 }
        if position < count { position += 1 }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        separator = !text.contains(",") && text.contains(";") ? UInt8(ascii: ";") : UInt8(ascii: ",")
        let names = text.split(separator: Character(UnicodeScalar(separator)), omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased() }
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
        columns = names.count
    }
}

/// The mapped file, shared read-only by the chunk parsers.
struct SharedInput: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
}

/// One result slot per chunk. Each parser stores only into its own slot and the slots are read
/// after `concurrentPerform` returns; the lock makes that hand-over visible across threads.
final class ChunkSlots: @unchecked Sendable {
    private var outputs: [ChunkParser.Output?]
    private let lock = NSLock()

    init(count: Int) {
        outputs = Array(repeating: nil, count: count)
    }

    func store(_ index: Int, _ output: ChunkParser.Output) {
        lock.lock()
        outputs[index] = output
        lock.unlock()
    }

    func chunk(_ index: Int) -> ChunkParser.Output {
        lock.lock()
        defer { lock.unlock() }
        return outputs[index] ?? ChunkParser.Output()
    }
}
