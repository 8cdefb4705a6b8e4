import Foundation
import Testing
import VaporTesting

@testable import App

/// Watching is cheap for the game: a watch/unwatch flood reaches the players as at most a few
/// `spectators` events and never as extra snapshots, and past ten watches a minute (per tab and per
/// account) the server refuses them before they reach the game.
@Suite struct SpectatorFloodTests {
    @Test func aWatchFlood_costsThePlayerNoSnapshotAndFewEvents_andIsRefusedPastTheAllowance() async throws {
        try await withTestApp(gameTiming: fastGames) { app in
            let player = try await Browser.signedUp(app, "player")
            try await player.saveGameSettings(pointsToWin: 21, ballSpeed: "slow")
            // The watchers sign up first: the game waits only 20 s for its player to join.
            let strangers = [try await Browser.signedUp(app, "watcher1"), try await Browser.signedUp(app, "watcher2")]
            let game = try await player.startGame(["mode": "ai"])
            try await withRunningServer(app) { port in
                let tab = try await player.socket(port: port)
                try tab.send("join", ["game": game])
                try await tab.next(ServerEvent.game)
                try await tab.waitUntil("play") { (tab.lastSnapshot?.phase ?? 0) == 1 }
                // Paused, the game sends no snapshot of its own: any that arrives now is the flood's.
                try tab.send("pause")
                try await tab.next(ServerEvent.paused)
                try await Task.sleep(for: .milliseconds(100)) // a snapshot already in flight lands first
                let snapshotsBefore = tab.snapshots.count
                let eventsBefore = tab.all(ServerEvent.spectators).count

                var opened: [TestSocket] = []
                for stranger in strangers {
                    for _ in 0..<2 { opened.append(try await stranger.socket(port: port)) }
                }
                let sockets = opened
                for socket in sockets { try await socket.next(ServerEvent.hello) }
                for _ in 0..<8 {
                    for socket in sockets {
                        try socket.send("watch", ["game": game])
                        try socket.send("unwatch")
                    }
                }
                // Each account may start ten watches a minute, across its tabs: 20 of the 32 get through.
                try await sockets[0].waitUntil("every watch answered") {
                    sockets.map { $0.all(ServerEvent.game).count + $0.all(ServerEvent.error).filter { $0.code == "watch_limited" }.count }
                        .reduce(0, +) == 32
                }
                let admitted = sockets.map { $0.all(ServerEvent.game).count }
                #expect(admitted[0] + admitted[1] == 10 && admitted[2] + admitted[3] == 10)
                try await tab.waitUntil("the coalesced count") { tab.all(ServerEvent.spectators).count > eventsBefore }
                try await Task.sleep(for: .seconds(1)) // any further notice would be due by now
                #expect(tab.snapshots.count == snapshotsBefore)
                #expect(tab.all(ServerEvent.spectators).count - eventsBefore <= 3)
                #expect(tab.all(ServerEvent.spectators).last?.count == 0)
                for socket in sockets { await socket.close() }
                await tab.close()
            }
        }
    }

    @Test func oneTab_startsAtMostTenWatchesAMinute() async throws {
        try await withTestApp(gameTiming: unattendedGames) { app in
            let player = try await Browser.signedUp(app, "player")
            let game = try await player.startGame(["mode": "ai"])
            let watcher = try await Browser.signedUp(app, "watcher")
            try await withRunningServer(app) { port in
                let socket = try await watcher.socket(port: port)
                try await socket.next(ServerEvent.hello)
                for _ in 0..<15 { try socket.send("watch", ["game": game]) }
                try await socket.waitUntil("fifteen answers") {
                    socket.all(ServerEvent.game).count + socket.all(ServerEvent.error).count == 15
                }
                #expect(socket.all(ServerEvent.game).count == 10)
                #expect(socket.all(ServerEvent.error).allSatisfy { $0.code == "watch_limited" })
                await socket.close()
            }
        }
    }
}
