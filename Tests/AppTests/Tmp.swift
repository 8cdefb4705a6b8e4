import Testing
@testable import App
@Test func compiles() { #expect(AccountRules.usernameProblem("ab") != nil) }
