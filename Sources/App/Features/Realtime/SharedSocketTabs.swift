import Foundation

/// One open socket, as the cluster counts it.
struct SocketTab: Sendable {
    let id: UUID
    let user: UUID
    let address: String
    let isVisitor: Bool
}

/// What the cluster decided about a new tab.
enum SharedTabAdmission: Sendable, Equatable {
    /// Counted; these tabs of the same account (its oldest, on any instance) must close.
    case admitted(evicting: [UUID])
    /// Its address has as many sockets open across the cluster as it may.
    case refused
}

/// The sockets of every instance, counted in one place so the per-account and per-address caps
/// hold across the cluster (PostgreSQL: `PostgresSocketTabs`). One process needs none of it:
/// `ConnectedUsers` counts its own sockets.
protocol SharedSocketTabs: Sendable {
    /// Counts `tab` for `instance`, atomically against the caps.
    func open(_ tab: SocketTab, on instance: String, limits: ConnectedUsers.Limits) async throws -> SharedTabAdmission
    func close(_ tab: UUID) async throws
    /// Every tab of `instance` is gone (it starts, or stops).
    func clear(_ instance: String) async throws
    /// Signed-in players' tabs on instances other than `instance`, for an instance that starts.
    func tabs(elsewhereThan instance: String) async throws -> [(instance: String, user: UUID)]
    /// Forgets the tabs of instances that stopped beating.
    func clear(allBut alive: Set<String>) async throws
}
