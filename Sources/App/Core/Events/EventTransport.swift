import Foundation

/// How an event from another instance arrived: when it was sent, and the request that caused it.
struct PeerDelivery: Sendable {
    let sentAt: Date
    let requestID: String?
}

/// Carries cluster events between instances. The bus sends each event once; the transport hands the
/// events other instances sent to `deliver`, never the ones this instance sent.
protocol EventTransport: Sendable {
    var reachesOtherInstances: Bool { get }
    func send(_ event: any ClusterEvent, requestID: String?)
    /// Called once per event type that has a subscriber here.
    func listen(for type: any ClusterEvent.Type, deliver: @escaping @Sendable (any ClusterEvent, PeerDelivery) async -> Void)
}

/// One process: nobody else to tell.
struct LocalOnlyTransport: EventTransport {
    var reachesOtherInstances: Bool { false }
    func send(_ event: any ClusterEvent, requestID: String?) {}
    func listen(for type: any ClusterEvent.Type, deliver: @escaping @Sendable (any ClusterEvent, PeerDelivery) async -> Void) {}
}
