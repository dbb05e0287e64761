import FFBCatalog
import FFBCSV
import FFBModel
import FFBParallel
import Foundation

/// Writes a population as an extract CSV (`citizen,theme,date,level`) fast: bytes are assembled in
/// a buffer from precomputed pieces (theme codes, dates) and written in large blocks. Citizens and
/// themes are quoted by `CSVWriter` (they never need it); dates and levels cannot need it.
package struct ExtractWriter {
    package init() {}

    /// Writes the extract and returns the number of data rows; `progress` counts citizens.
    @discardableResult
    package func write(_ population: SyntheticPopulation, to url: URL, progress: WorkProgress = .none) throws -> Int {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let csv = CSVWriter()
        let themeBytes = population.themes.map { Array(csv.field($0.code.rawValue).utf8) }
        var dateCache: [Int32: [UInt8]] = [:]
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        buffer.append(contentsOf: Array(csv.line(["citizen", "theme", "date", "level"]).utf8))
        let notAssessed = Array("ikke-vurderet".utf8)
        var rows = 0
        try population.forEachCitizen(progress: progress) { citizen in
            let name = Array(csv.field(citizen.pseudonym).utf8)
            for (theme, levels) in citizen.levels {
                for (visit, level) in levels.enumerated() {
                    let day = citizen.days[visit]
                    let date: [UInt8]
                    if let cached = dateCache[day] {
                        date = cached
                    } else {
                        date = Array(LocalDate(dayNumber: Int(day)).iso.utf8)
                        dateCache[day] = date
                    }
                    buffer.append(contentsOf: name)
                    buffer.append(44)
                    buffer.append(contentsOf: themeBytes[theme])
                    buffer.append(44)
                    buffer.append(contentsOf: date)
                    buffer.append(44)
                    if level < 0 { buffer.append(contentsOf: notAssessed) } else { buffer.append(48 + UInt8(level)) }
                    buffer.append(10)
                    rows += 1
                }
            }
            if buffer.count >= 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
        return rows
    }
}
