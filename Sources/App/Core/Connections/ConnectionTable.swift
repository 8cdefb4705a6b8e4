/// Which connections are open and which of them may be closed to make room.
///
/// Every connection holds an open file, and a process that runs out of files can accept
/// nothing at all, not even a health check. So the server keeps at most `cap` of them: past
/// it, a new connection takes the place of the one that has been idle longest (no request
/// in flight, not a WebSocket), or is refused when every connection is busy.
struct ConnectionTable<Key: Hashable & Sendable, Handle: Sendable>: Sendable {
    enum Admission: Sendable {
        case admitted
        /// Admitted in place of this idle connection, which the caller closes.
        case admittedInPlaceOf(Handle)
        case refused
    }

    private struct Entry: Sendable {
        let handle: Handle
        let identity: ObjectIdentifier
        /// When it was accepted or last finished or started a request.
        var lastActive: UInt64
        var requestsInFlight = 0
        /// A WebSocket: it carries a game or a chat and is never closed to make room.
        var isLongLived = false

        var isIdle: Bool { requestsInFlight == 0 && !isLongLived }
    }

    let cap: Int
    private var entries: [Key: Entry] = [:]

    init(cap: Int) {
        self.cap = max(1, cap)
    }

    var count: Int { entries.count }

    mutating func admit(_ key: Key, handle: Handle, identity: ObjectIdentifier, now: UInt64) -> Admission {
        let entry = Entry(handle: handle, identity: identity, lastActive: now)
        guard entries.count >= cap else {
            entries[key] = entry
            return .admitted
        }
        guard let (idleKey, idle) = entries.filter({ $0.value.isIdle }).min(by: { $0.value.lastActive < $1.value.lastActive }) else {
            return .refused
        }
        entries[idleKey] = nil
        entries[key] = entry
        return .admittedInPlaceOf(idle.handle)
    }

    /// The connection closed; `identity` keeps a late close from removing a newer connection
    /// that happens to come from the same address and port.
    mutating func remove(_ key: Key, identity: ObjectIdentifier) {
        if entries[key]?.identity == identity { entries[key] = nil }
    }

    mutating func requestStarted(_ key: Key, now: UInt64) {
        entries[key]?.requestsInFlight += 1
        entries[key]?.lastActive = now
    }

    mutating func requestFinished(_ key: Key, now: UInt64) {
        guard let inFlight = entries[key]?.requestsInFlight else { return }
        entries[key]?.requestsInFlight = max(0, inFlight - 1)
        entries[key]?.lastActive = now
    }

    mutating func markLongLived(_ key: Key) {
        entries[key]?.isLongLived = true
    }
}
