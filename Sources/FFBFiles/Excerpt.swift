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

    /// The text cut and escaped, without quotes (a JSON pointer's member name). Whatever has the
    /// shape of a CPR number (`ddmmyy-nnnn`, or ten digits on their own) is shown as that shape,
    /// `######-####`: a value quoted back from a file is not always what its column says it is.
    package static func plain(_ text: some StringProtocol, maxCharacters: Int = maxCharacters) -> String {
        var scalars: [Unicode.Scalar] = []
        var iterator = text.unicodeScalars.makeIterator()
        // Eleven more than are shown: a CPR number across the cut is still seen whole.
        while scalars.count <= maxCharacters + 11, let scalar = iterator.next() { scalars.append(scalar) }
        maskCPRShapes(&scalars)
        if scalars.count > maxCharacters + 1 { scalars.removeLast(scalars.count - maxCharacters - 1) }
        let cut = scalars.count > maxCharacters
        var shown = ""
        for scalar in cut ? scalars.prefix(max(maxCharacters - 1, 0)) : scalars[...] { shown += TerminalText.escaped(scalar) }
        return cut ? shown + "…" : shown
    }

    /// Replaces each CPR-shaped run by `#` in its shape: exactly ten digits, or six digits, a
    /// separator (a hyphen, a space, a no-break space or hyphen, an en dash) and four, standing
    /// alone: no letter or digit right before or after it, so the digits inside a UUID or a word
    /// stay (a value quoted back must still be recognisable).
    static func maskCPRShapes(_ scalars: inout [Unicode.Scalar]) {
        func isDigit(_ index: Int) -> Bool { index >= 0 && index < scalars.count && ("0"..."9").contains(scalars[index]) }
        func isWordCharacter(_ index: Int) -> Bool {
            index >= 0 && index < scalars.count && (isDigit(index) || scalars[index].properties.isAlphabetic)
        }
        let separators: Set<Unicode.Scalar> = ["-", " ", "\u{00A0}", "\u{2011}", "\u{2013}"]
        var index = 0
        while index < scalars.count {
            guard isDigit(index), !isWordCharacter(index - 1) else {
                index += 1
                continue
            }
            var end = index
            while isDigit(end) { end += 1 }
            var masked: Int?
            if end - index == 10 {
                masked = end
            } else if end - index == 6, end < scalars.count, separators.contains(scalars[end]), (end + 1...end + 4).allSatisfy(isDigit) {
                masked = end + 5
            }
            if let last = masked, !isWordCharacter(last) {
                for place in index..<last where isDigit(place) { scalars[place] = "#" }
                if last - index == 11 { scalars[index + 6] = "-" }
            }
            index = max(end, masked ?? end)
        }
    }
}
