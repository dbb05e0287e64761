import Testing
@testable import FFBCommandLine

@Test func placeholder() { #expect(1 + 1 == 2) }
