import Testing
@testable import FFBStatistics

@Test func placeholder() { #expect(1 + 1 == 2) }
