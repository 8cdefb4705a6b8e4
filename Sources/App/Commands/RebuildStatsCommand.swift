import Vapor

/// `transcendence rebuild-stats`: recomputes every player's figures, the activity calendars and
/// the site's totals from the match and tournament records (after a restore, or to check that
/// the kept rows are right: the incremental rows and a rebuild always agree).
struct RebuildStatsCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Recomputes all kept statistics from the match and tournament records." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let started = ContinuousClock.now
        let result = try await context.application.statsRebuild(on: context.application.db).run()
        let took = ContinuousClock.now - started
        context.console.print(
            "Rebuilt the figures of \(result.players.count) players from \(result.site.matches) matches and \(result.site.tournaments) tournaments in \(took.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow)))."
        )
    }
}
