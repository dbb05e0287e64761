import Testing
@testable import FFBJSON

@Test func placeholder() { #expect(1 + 1 == 2) }
