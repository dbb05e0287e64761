import Testing
@testable import FFBSQLite

@Test func placeholder() { #expect(1 + 1 == 2) }
