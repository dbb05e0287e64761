/// The members of a JSON object, in document order.
///
/// Order is kept so that a document written back out reads like the original
/// and so that errors are reported in the order a person reads the file.
/// Keys are unique: the parser rejects duplicates, and assigning to an existing
/// key replaces its value in place.
///
/// Equality ignores member order, as JSON does: `{"a":1,"b":2}` equals
/// `{"b":2,"a":1}`.
public struct JSONObject: Sendable {
    /// One key/value pair.
    public struct Member: Sendable, Hashable {
        /// The member name.
        public var key: String
        /// The member value.
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// Below this size a linear scan beats hashing, and most document objects
    /// are that small, so they never pay for an index.
    static let indexThreshold = 16

    /// The members in document order.
    public private(set) var members: [Member]
    /// Key → position in `members`; only kept for large objects.
    private var index: [String: Int]?

    /// An empty object.
    public init() {
        members = []
        index = nil
    }

    /// An object with these members; a repeated key keeps its first position
    /// and its last value.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        var members: [Member] = []
        members.reserveCapacity(pairs.underestimatedCount)
        var index: [String: Int]?
        for (key, value) in pairs {
            if let position = index.map({ $0[key] }) ?? members.firstIndex(where: { $0.key == key }) {
                members[position].value = value
                continue
            }
            members.append(Member(key: key, value: value))
            if index != nil {
                index?[key] = members.count - 1
            } else if members.count > Self.indexThreshold {
                index = Self.makeIndex(members)
            }
        }
        self.members = members
        self.index = index
    }

    /// An object of members whose keys the caller knows to be unique (a record written out
    /// key by key): no key is looked for before it is added.
    public init(uniqueKeys pairs: KeyValuePairs<String, JSONValue>) {
        let members = pairs.map { Member(key: $0.key, value: $0.value) }
        self.init(uniqueMembers: members, index: nil)
    }

    /// Used by the parser, which has already checked that keys are unique.
    init(uniqueMembers: [Member], index: [String: Int]?) {
        self.members = uniqueMembers
        self.index = members.count > Self.indexThreshold ? index ?? Self.makeIndex(uniqueMembers) : nil
    }

    /// The number of members.
    public var count: Int { members.count }
    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }
    /// The keys in document order.
    public var keys: [String] { members.map(\.key) }

    /// The position of `key` in `members`.
    public func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    /// The value for `key`; assigning `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    members[position].value = newValue
                } else {
                    members.remove(at: position)
                    reindex()
                }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
                if index != nil {
                    index?[key] = members.count - 1
                } else {
                    reindex()
                }
            }
        }
    }

    private mutating func reindex() {
        index = members.count > Self.indexThreshold ? Self.makeIndex(members) : nil
    }

    private static func makeIndex(_ members: [Member]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(members.count)
        for (position, member) in members.enumerated() { index[member.key] = position }
        return index
    }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for member in lhs.members {
            guard let other = rhs[member.key], other == member.value else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent, to agree with `==`.
        var combined = 0
        for member in members {
            var memberHasher = Hasher()
            memberHasher.combine(member)
            combined &+= memberHasher.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

extension JSONObject: Sequence {
    /// Iterates the members in document order.
    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
