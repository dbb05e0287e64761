import FFBExchange
import Foundation
import Testing

@Suite struct DerivedIDTests {
    @Test func derivedIDsAreStableVersion8UUIDsThatDependOnEveryPart() {
        let id = DerivedID.uuid("goal", "a", "b")
        #expect(id == DerivedID.uuid("goal", "a", "b"))
        #expect(id != DerivedID.uuid("goal", "ab"))
        #expect(id != DerivedID.uuid("order", "a", "b"))
        let text = id.uuidString.lowercased()
        #expect(Array(text)[14] == "8")
        #expect("89ab".contains(Array(text)[19]))
    }
}
