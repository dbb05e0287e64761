import FFBExchange
/// What one import added to the store.
public struct ImportSummary: Sendable, Hashable {
    /// Documents applied now.
    public var documents = 0
    /// Documents the store had already imported with the same content (no-ops).
    public var alreadyImported = 0
    public var citizensCreated = 0
    public var casesOpened = 0
    public var orders = 0
    public var goalVersions = 0
    public var assessments = 0
    public var followUps = 0
    /// Theme entries written (assessments and follow-ups).
    public var themeEntries = 0

    public init() {}
}

/// Why an import wrote nothing.
public enum ImportError: Error, Sendable {
    /// Documents that cannot be applied, by their position in the list given, with every problem.
    case rejected([DocumentProblems])
    /// The store failed; nothing was written.
    case store(String, isUserError: Bool)
}

/// The problems of one document.
public struct DocumentProblems: Sendable, Hashable {
    public var index: Int
    public var issues: ExchangeIssues

    public init(index: Int, issues: ExchangeIssues) {
        self.index = index
        self.issues = issues
    }
}
