import Testing
@testable import FFBProgression

@Test func placeholder() { #expect(Bool(true)) }
