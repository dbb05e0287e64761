import Testing
@testable import FFBCLI

@Test func placeholder() { #expect(1 + 1 == 2) }
