import FFBFiles

/// A table aligned for a terminal: a header, a rule, and padded columns.
struct TextTable {
    enum Alignment {
        case left
        case right
    }

    struct Column {
        var title: String
        var alignment: Alignment = .left
        /// Longer cells are cut with "…" so one long name cannot push every row off screen.
        var maxWidth: Int?
    }

    var columns: [Column]
    var rows: [[String]] = []

    init(_ columns: [Column]) {
        self.columns = columns
    }

    init(_ titles: String...) {
        self.columns = titles.map { Column(title: $0) }
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    func render() -> String {
        let cells = rows.map { row in
            columns.indices.map { index in clip(TerminalText.safe(index < row.count ? row[index] : ""), to: columns[index].maxWidth) }
        }
        let widths = columns.indices.map { index in
            max(columns[index].title.count, cells.map { $0[index].count }.max() ?? 0)
        }
        func line(_ values: [String]) -> String {
            var parts: [String] = []
            for (index, value) in values.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - value.count)
                let isLast = index == values.count - 1
                switch columns[index].alignment {
                case .left: parts.append(isLast ? value : value + padding)
                case .right: parts.append(padding + value)
                }
            }
            return parts.joined(separator: "  ")
        }
        var lines = [line(columns.map(\.title))]
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        lines += cells.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    private func clip(_ text: String, to width: Int?) -> String {
        guard let width, text.count > width else { return text }
        return String(text.prefix(width - 1)) + "…"
    }
}
