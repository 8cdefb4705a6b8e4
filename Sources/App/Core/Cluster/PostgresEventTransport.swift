import Foundation
import Logging
import NIOConcurrencyHelpers
import PostgresNIO

/// Cluster events over PostgreSQL LISTEN/NOTIFY. Every instance listens on one channel, on a
/// dedicated connection; sends go out in order from one task. A payload over NOTIFY's 8,000-byte
/// limit is stored in `bus_payloads` and its id sent instead; the receivers read it from there.
///
/// NOTIFY stores nothing: an instance that is down or reconnecting misses what was sent meanwhile.
/// What the bus carries is either re-read by the client when its socket opens again (chat, the
/// bell, invitations, tournaments, presence: the client re-syncs on every reconnect) or settles by
/// itself (typing marks lapse). See docs/ARCHITECTURE.md, "The bus".
final class PostgresEventTransport: EventTransport {
    /// What goes on the wire: one event, who sent it, when, and the request that caused it.
    struct Envelope: Codable {
        /// Sending instance, event name, sent at (ms since 1970), request id.
        let i: String
        let n: String
        let t: Int64
        let r: String?
        /// The event's JSON, or nil when it is stored under `ref`.
        var p: String?
        var ref: UUID?
    }

    private struct Listener {
        let decode: @Sendable (Data) throws -> any ClusterEvent
        let deliver: @Sendable (any ClusterEvent, PeerDelivery) async -> Void
    }

    /// NOTIFY refuses payloads of 8,000 bytes or more; this leaves room for the envelope's quoting.
    static let largestInlinePayload = 7_000

    /// Where payloads too large for NOTIFY wait: through the app's pool, never the LISTEN connection
    /// (a query there from inside the notification loop would wait behind the loop itself).
    struct PayloadStore: Sendable {
        let store: @Sendable (String) async throws -> UUID
        let fetch: @Sendable (UUID) async throws -> String?
    }

    let channel: String
    private let instanceID: String
    private let link: PostgresLink
    private let payloads: PayloadStore
    private let logger: Logger
    private let listeners = NIOLockedValueBox<[String: Listener]>([:])
    private let outbox: AsyncStream<Envelope>.Continuation
    private let tasks = NIOLockedValueBox<[Task<Void, Never>]>([])
    /// Set once the LISTEN is in place (tests and the cluster wait for it before counting on delivery).
    private let listening = NIOLockedValueBox(false)

    init(link: PostgresLink, payloads: PayloadStore, channel: String, instanceID: String, logger: Logger) {
        self.link = link
        self.payloads = payloads
        self.channel = channel
        self.instanceID = instanceID
        self.logger = logger
        let (stream, continuation) = AsyncStream.makeStream(of: Envelope.self, bufferingPolicy: .bufferingNewest(100_000))
        outbox = continuation
        let sender = Task { [link, payloads, logger, channel] in
            for await envelope in stream {
                await Self.notify(envelope, channel: channel, link: link, payloads: payloads, logger: logger)
            }
        }
        let receiver = Task { [weak self] in
            guard let self else { return }
            await receive()
        }
        tasks.withLockedValue { $0 = [sender, receiver] }
    }

    var reachesOtherInstances: Bool { true }

    var isListening: Bool { listening.withLockedValue { $0 } }

    func send(_ event: any ClusterEvent, requestID: String?) {
        guard let json = try? JSONEncoder().encode(event) else {
            return logger.error("Bus event \(type(of: event).name) could not be encoded")
        }
        let sentAt = Int64(Date().timeIntervalSince1970 * 1000)
        outbox.yield(Envelope(i: instanceID, n: type(of: event).name, t: sentAt, r: requestID, p: String(decoding: json, as: UTF8.self)))
    }

    func listen(for type: any ClusterEvent.Type, deliver: @escaping @Sendable (any ClusterEvent, PeerDelivery) async -> Void) {
        let listener = Listener(decode: { data in try JSONDecoder().decode(type, from: data) }, deliver: deliver)
        listeners.withLockedValue { $0[type.name] = listener }
    }

    /// Stops sending and listening, and closes the connection.
    func shutdown() async {
        outbox.finish()
        let running = tasks.withLockedValue { $0 }
        // The sender drains what is queued; the receiver stops listening.
        await running.first?.value
        running.last?.cancel()
        await link.close()
        await running.last?.value
    }

    // MARK: Sending

    private static func notify(
        _ envelope: Envelope, channel: String, link: PostgresLink, payloads: PayloadStore, logger: Logger
    ) async {
        var envelope = envelope
        for attempt in 1...3 {
            do {
                if let payload = envelope.p, payload.utf8.count > largestInlinePayload {
                    envelope.ref = try await payloads.store(payload)
                    envelope.p = nil
                }
                let connection = try await link.connection()
                let text = String(decoding: try JSONEncoder().encode(envelope), as: UTF8.self)
                try await connection.query("SELECT pg_notify(\(channel), \(text))", logger: logger)
                return
            } catch {
                logger.warning("Bus event \(envelope.n) not sent (attempt \(attempt)): \(String(reflecting: error))")
                try? await Task.sleep(for: .milliseconds(100 * attempt))
            }
        }
        logger.error("Bus event \(envelope.n) dropped: PostgreSQL did not take it; clients re-sync when they reconnect")
    }

    // MARK: Receiving

    /// Listens until shutdown, reconnecting with a growing pause when the connection breaks.
    private func receive() async {
        var pause = Duration.milliseconds(100)
        while !Task.isCancelled {
            do {
                let connection = try await link.connection()
                try await connection.listen(on: channel) { notifications in
                    listening.withLockedValue { $0 = true }
                    pause = .milliseconds(100)
                    for try await notification in notifications { await handle(notification.payload) }
                }
            } catch {
                guard !Task.isCancelled else { break }
                logger.warning("Bus listener lost its connection (retrying in \(pause)): \(String(reflecting: error))")
            }
            listening.withLockedValue { $0 = false }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .seconds(5))
        }
    }

    private func handle(_ text: String) async {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(text.utf8)) else {
            return logger.warning("Bus: a notification that is not an envelope was ignored")
        }
        // Our own sends come back too: this instance's subscribers were served when it published.
        guard envelope.i != instanceID, let listener = listeners.withLockedValue({ $0[envelope.n] }) else { return }
        do {
            var payload = envelope.p
            if payload == nil, let ref = envelope.ref { payload = try await payloads.fetch(ref) }
            guard let payload else { return logger.warning("Bus event \(envelope.n): its stored payload is gone") }
            let event = try listener.decode(Data(payload.utf8))
            let sentAt = Date(timeIntervalSince1970: Double(envelope.t) / 1000)
            await listener.deliver(event, PeerDelivery(sentAt: sentAt, requestID: envelope.r))
        } catch {
            logger.warning("Bus event \(envelope.n) from \(envelope.i) not delivered: \(String(reflecting: error))")
        }
    }
}
