import Foundation
import Logging
import NIOConcurrencyHelpers

/// The one way features tell each other what happened. Subscribers run in the order they
/// subscribed, one after the other, each awaited: a publisher that awaits `publish` knows every
/// reaction is done (a stored result has moved its tournament on before the journal forgets it).
/// A failing subscriber is logged and does not stop the others.
///
/// A `ClusterEvent` also goes out on the transport, and events arriving from other instances are
/// handed to this instance's subscribers; an event never comes back to the instance that sent it.
final class EventBus: Sendable {
    typealias Handler = @Sendable (any DomainEvent) async throws -> Void

    private struct Subscriber {
        let name: String
        let handler: Handler
    }

    private let subscribers = NIOLockedValueBox<[ObjectIdentifier: [Subscriber]]>([:])
    private let transport: any EventTransport
    private let logger: Logger
    let metrics = BusMetrics()

    init(transport: any EventTransport = LocalOnlyTransport(), logger: Logger) {
        self.transport = transport
        self.logger = logger
    }

    /// `name` says who reacts, for the log line when it fails ("play.leave-queue").
    func subscribe<Event: DomainEvent>(
        _ type: Event.Type, as name: String, _ handler: @escaping @Sendable (Event) async throws -> Void
    ) {
        let subscriber = Subscriber(name: name) { event in
            guard let event = event as? Event else { return }
            try await handler(event)
        }
        subscribers.withLockedValue { $0[ObjectIdentifier(type), default: []].append(subscriber) }
        if let clusterType = type as? any ClusterEvent.Type { transport.listen(for: clusterType, deliver: deliverFromPeer) }
    }

    /// Runs this instance's subscribers; a cluster event goes to the other instances too.
    func publish<Event: DomainEvent>(_ event: Event) async {
        metrics.published(Event.name)
        if let clusterEvent = event as? any ClusterEvent { transport.send(clusterEvent, requestID: RequestID.current) }
        await runSubscribers(of: event)
    }

    /// Hands a cluster event to the other instances only: for an event whose local delivery the
    /// publisher has already done itself, synchronously (a socket send must not wait for a task).
    func relay<Event: ClusterEvent>(_ event: Event) {
        metrics.published(Event.name)
        transport.send(event, requestID: RequestID.current)
    }

    /// Whether anything else hears this bus (a cluster transport): single-process callers skip work.
    var reachesOtherInstances: Bool { transport.reachesOtherInstances }

    /// Whether events from other instances arrive now (always, in one process).
    var isListening: Bool { (transport as? PostgresEventTransport)?.isListening ?? true }

    private var deliverFromPeer: @Sendable (any ClusterEvent, PeerDelivery) async -> Void {
        { [weak self] event, delivery in
            guard let self else { return }
            metrics.received(type(of: event).name, lag: max(0, Date().timeIntervalSince(delivery.sentAt)))
            // The request that caused it on the other instance names this instance's work too.
            await RequestID.$current.withValue(delivery.requestID) { await runSubscribers(of: event) }
        }
    }

    private func runSubscribers(of event: some DomainEvent) async {
        let listening = subscribers.withLockedValue { $0[ObjectIdentifier(type(of: event))] ?? [] }
        // Reactions are durable work: they wait out a busy database instead of being refused like a request.
        await WriteGate.$isDurable.withValue(true) {
            for subscriber in listening {
                do {
                    try await subscriber.handler(event)
                } catch {
                    var logger = logger
                    if let id = RequestID.current { logger[metadataKey: "request-id"] = .string(id) }
                    logger.error("\(subscriber.name) failed on \(type(of: event).name): \(String(reflecting: error))")
                }
            }
        }
    }
}
