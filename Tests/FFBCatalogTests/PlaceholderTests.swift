import Testing
@testable import FFBCatalog

@Test func placeholder() { #expect(1 + 1 == 2) }
