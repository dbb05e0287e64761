import FFBFiles
import Foundation

/// A location inside a JSON document (RFC 6901), such as `/entry/3/resource/code`.
///
/// The root is the empty pointer, whose `description` is `""` as RFC 6901
/// says. Error lines need something visible there, so `location` prints the
/// root as `/` (which, strictly, would mean the member named `""` of the root;
/// documents here never use empty keys).
public struct JSONPointer: Sendable, Hashable {
    /// One step of a pointer: an object member or an array element.
    ///
    /// Two components are equal when their tokens are, so `.index(3)` equals
    /// `.key("3")`: a pointer parsed from text cannot know which one it meant.
    public enum Component: Sendable, Hashable, CustomStringConvertible {
        case key(String)
        case index(Int)

        /// The unescaped reference token.
        public var token: String {
            switch self {
            case .key(let key): key
            case .index(let index): String(index)
            }
        }

        /// The array index this component selects, if it can select one:
        /// RFC 6901 allows only `0` or digits without a leading zero.
        public var arrayIndex: Int? {
            switch self {
            case .index(let index):
                return index
            case .key(let key):
                let utf8 = key.utf8
                guard let first = utf8.first, utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                      first != 0x30 || utf8.count == 1
                else { return nil }
                return Int(key)
            }
        }

        /// The escaped reference token (`~` as `~0`, `/` as `~1`).
        public var description: String {
            switch self {
            case .index(let index):
                return String(index)
            case .key(let key):
                guard key.utf8.contains(where: { $0 == 0x7E || $0 == 0x2F }) else { return key }
                return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            }
        }

        public static func == (lhs: Component, rhs: Component) -> Bool {
            switch (lhs, rhs) {
            case let (.index(l), .index(r)): l == r
            case let (.key(l), .key(r)): l == r
            default: lhs.token == rhs.token
            }
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(token)
        }
    }

    /// The steps from the root, outermost first.
    public private(set) var components: [Component]

    /// The root pointer.
    public init() {
        components = []
    }

    /// A pointer with these steps from the root.
    public init(_ components: [Component]) {
        self.components = components
    }

    /// The root pointer.
    public static let root = JSONPointer()

    /// Parses RFC 6901 text: `""` or `/`-separated tokens with `~0` and `~1` escapes.
    public init(parsing text: String) throws(JSONPointerSyntaxError) {
        guard !text.isEmpty else {
            self.init()
            return
        }
        guard text.hasPrefix("/") else { throw JSONPointerSyntaxError(text: text, reason: "must start with \"/\"") }
        var components: [Component] = []
        for rawToken in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var characters = rawToken.makeIterator()
            while let character = characters.next() {
                guard character == "~" else {
                    token.append(character)
                    continue
                }
                switch characters.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw JSONPointerSyntaxError(text: text, reason: "\"~\" must be followed by 0 or 1")
                }
            }
            components.append(.key(token))
        }
        self.init(components)
    }

    /// Whether this is the root pointer (no steps).
    public var isRoot: Bool { components.isEmpty }

    /// The pointer one step up, or `nil` at the root.
    public var parent: JSONPointer? {
        guard !components.isEmpty else { return nil }
        return JSONPointer(Array(components.dropLast()))
    }

    /// Steps into the object member `key`.
    public mutating func append(_ key: String) { components.append(.key(key)) }

    /// Steps into the array element at `index`.
    public mutating func append(_ index: Int) { components.append(.index(index)) }

    /// This pointer stepped into the object member `key`.
    public func appending(_ key: String) -> JSONPointer {
        var copy = self
        copy.append(key)
        return copy
    }

    /// This pointer stepped into the array element at `index`.
    public func appending(_ index: Int) -> JSONPointer {
        var copy = self
        copy.append(index)
        return copy
    }

    /// Whether `self` is `other` or lies inside it.
    public func hasPrefix(_ other: JSONPointer) -> Bool {
        components.starts(with: other.components)
    }

    /// The pointer for an error line: like `description`, but `/` for the root, and a member
    /// name from the document cut short and its control characters escaped, so a hostile key
    /// cannot make the line long or break it in two.
    public var location: String {
        guard !isRoot else { return "/" }
        return components.map { "/" + Excerpt.plain($0.description) }.joined()
    }
}

extension JSONPointer: CustomStringConvertible {
    /// RFC 6901 text; `""` for the root.
    public var description: String {
        var text = ""
        for component in components {
            text.append("/")
            text.append(component.description)
        }
        return text
    }
}

/// Text that is not an RFC 6901 JSON pointer.
public struct JSONPointerSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text that was given.
    public let text: String
    /// What is wrong with it.
    public let reason: String

    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String { "invalid JSON pointer \"\(text)\": \(reason)" }
}
