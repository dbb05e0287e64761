/// Word wrapping for terminal text: help screens and catalogue definitions.
package enum TextWrap {
    /// The words of `text` in lines of at most `width` columns, each starting with `indent`
    /// spaces; a word longer than a line gets a line of its own. A line break in `text` starts a
    /// new paragraph (an empty one stays an empty line).
    package static func lines(_ text: String, width: Int, indent: Int = 0) -> [String] {
        let margin = String(repeating: " ", count: indent)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = margin
            var lineHasWord = false
            for word in paragraph.split(separator: " ") {
                if lineHasWord, line.count + 1 + word.count > width {
                    lines.append(line)
                    line = margin
                    lineHasWord = false
                }
                line += (lineHasWord ? " " : "") + word
                lineHasWord = true
            }
            lines.append(line)
        }
        return lines
    }
}
