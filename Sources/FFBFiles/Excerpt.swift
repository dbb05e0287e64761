/// A piece of a user's file quoted in an error message. Cut to a few dozen characters, so a
/// 10 MB field gives a short line and not 10 MB of stderr; control characters and bidirectional
/// overrides shown as escapes (`TerminalText`), so a quoted value can neither break the message's one line nor
/// reorder what the terminal shows.
package enum Excerpt {
    /// Enough to recognise a value; a message line stays well under 200 characters.
    package static let maxCharacters = 40

    /// `"text"`, or `"its first 39 characters…"` when longer.
    package static func quoted(_ text: some StringProtocol, maxCharacters: Int = maxCharacters) -> String {
        "\"" + plain(text, maxCharacters: maxCharacters) + "\""
    }

    /// The same for raw bytes (decoded as UTF-8), reading no more of them than can be shown.
    package static func quoted(bytes: some Collection<UInt8>, maxCharacters: Int = maxCharacters) -> String {
        // A scalar takes at most four bytes, so this prefix holds one scalar more than is shown
        // whenever the bytes go on: the cut is still seen.
        quoted(String(decoding: bytes.prefix(4 * maxCharacters + 4), as: UTF8.self), maxCharacters: maxCharacters)
    }

    /// The text cut and escaped, without quotes (a JSON pointer's member name).
    package static func plain(_ text: some StringProtocol, maxCharacters: Int = maxCharacters) -> String {
        var scalars: [Unicode.Scalar] = []
        var iterator = text.unicodeScalars.makeIterator()
        while scalars.count <= maxCharacters, let scalar = iterator.next() { scalars.append(scalar) }
        let cut = scalars.count > maxCharacters
        var shown = ""
        for scalar in cut ? scalars.prefix(max(maxCharacters - 1, 0)) : scalars[...] { shown += TerminalText.escaped(scalar) }
        return cut ? shown + "…" : shown
    }
}
