import Testing
@testable import FFBExchange

@Test func placeholder() { #expect(Bool(true)) }
