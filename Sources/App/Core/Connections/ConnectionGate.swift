import Logging
import NIOConcurrencyHelpers
import NIOCore

/// The server's connection cap, shared by the accepting channel (which admits connections),
/// the middleware (which sees requests start and finish) and the WebSocket upgrade.
///
/// Connections are told apart by their peer address and port: the one thing a request and
/// its channel both know.
final class ConnectionGate: Sendable {
    struct Report: Sendable {
        var refused = 0
        var closedIdle = 0
        var lastLogged: UInt64?
    }

    let cap: Int
    private let table: NIOLockedValueBox<ConnectionTable<SocketAddress, any Channel>>
    private let report = NIOLockedValueBox(Report())
    private let installation = NIOLockedValueBox(Installation.pending)
    /// The self-connection that installs the gate names this, so nobody else can ask for it.
    let installToken: String
    private let logger: Logger

    init(cap: Int, logger: Logger) {
        self.cap = cap
        self.table = .init(ConnectionTable(cap: cap))
        self.installToken = SessionToken.generate()
        self.logger = logger
    }

    /// The cap for a process allowed `limit` open files: the rest is kept for the database,
    /// the result journal, static files and outgoing mail. An unknown limit caps nothing.
    static func cap(forOpenFileLimit limit: Int) -> Int {
        guard limit > 0, limit < Int.max / 2 else { return Int.max }
        return max(8, limit - max(64, limit / 8))
    }

    private enum Installation { case pending, underWay, done }

    var isInstalled: Bool { installation.withLockedValue { $0 == .done } }

    /// True the first time only: the accepting channel gets one gate.
    func claimInstallation() -> Bool {
        installation.withLockedValue { state in
            guard state == .pending else { return false }
            state = .underWay
            return true
        }
    }

    func finishInstallation() {
        installation.withLockedValue { $0 = .done }
    }

    var openConnections: Int { table.withLockedValue { $0.count } }

    func admit(_ channel: any Channel) -> ConnectionTable<SocketAddress, any Channel>.Admission {
        guard let address = channel.remoteAddress else { return .admitted }
        let admission = table.withLockedValue {
            $0.admit(address, handle: channel, identity: ObjectIdentifier(channel), now: Self.now)
        }
        switch admission {
        case .admitted: break
        case .admittedInPlaceOf: noteOverflow { $0.closedIdle += 1 }
        case .refused: noteOverflow { $0.refused += 1 }
        }
        if case .refused = admission { return admission }
        channel.closeFuture.whenComplete { [table] _ in
            table.withLockedValue { $0.remove(address, identity: ObjectIdentifier(channel)) }
        }
        return admission
    }

    func requestStarted(from address: SocketAddress) {
        table.withLockedValue { $0.requestStarted(address, now: Self.now) }
    }

    func requestFinished(from address: SocketAddress) {
        table.withLockedValue { $0.requestFinished(address, now: Self.now) }
    }

    func markLongLived(_ channel: any Channel) {
        guard let address = channel.remoteAddress else { return }
        table.withLockedValue { $0.markLongLived(address) }
    }

    private static var now: UInt64 { NIODeadline.now().uptimeNanoseconds }

    /// An operator hears of the cap at most every ten seconds, with what it did meanwhile.
    private func noteOverflow(_ count: (inout Report) -> Void) {
        let now = Self.now
        let due: Report? = report.withLockedValue { report in
            count(&report)
            if let last = report.lastLogged, now - last < 10_000_000_000 { return nil }
            let due = report
            report = Report(lastLogged: now)
            return due
        }
        guard let due else { return }
        logger.warning(
            """
            Connection cap of \(cap) reached: \(due.closedIdle) idle connection(s) closed to make room, \
            \(due.refused) refused because every connection was busy
            """)
    }
}
