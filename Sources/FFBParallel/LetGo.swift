import Foundation

/// Lets go of a large value of many small parts (a whole store's series by citizen, its
/// courses) on a thread of its own: freeing them costs about as long as making them did, and
/// the caller goes on meanwhile. A process that ends first does not wait for it; the system
/// takes the memory back whole.
package enum LetGo {
    package static func aside<Value>(_ value: consuming Value) {
        let box = Box(value)
        let thread = Thread { box.drop() }
        thread.name = "ffb let go"
        thread.start()
    }

    /// Holds the value until the thread drops it. The caller hands over its reference; what
    /// else refers to the value's parts only ever counts them, which is safe on any thread.
    private final class Box: @unchecked Sendable {
        private var value: Any?

        init(_ value: Any) {
            self.value = value
        }

        func drop() {
            value = nil
        }
    }
}
