/// The constants of FFBKit's own exchange format. See `Docs/exchange-format.md`.
package enum NativeFormat {
    /// The value of the `format` member that marks a document as ours.
    package static let name = "ffb-exchange"
    /// The major version this reader understands and this writer writes. A reader refuses newer
    /// major versions: they may carry meaning it would silently drop.
    package static let version = 1

    /// The member that holds the content of each kind.
    static func bodyKey(_ kind: DocumentKind) -> String {
        switch kind {
        case .order: "order"
        case .followUpReport: "follow_up"
        case .assessment: "assessment"
        case .extract: "extract"
        case .deliveryReport: "delivery_report"
        }
    }
}
