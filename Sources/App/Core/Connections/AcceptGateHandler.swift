import NIOCore

/// In the accepting channel's pipeline, ahead of NIO's own accept handler: every new
/// connection passes the gate, takes an idle connection's place, or is closed at once.
final class AcceptGateHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel

    let gate: ConnectionGate

    init(gate: ConnectionGate) {
        self.gate = gate
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let accepted = Self.unwrapInboundIn(data)
        switch gate.admit(accepted) {
        case .admitted:
            context.fireChannelRead(data)
        case .admittedInPlaceOf(let idle):
            idle.close(promise: nil)
            context.fireChannelRead(data)
        case .refused:
            // Not registered yet: closing it here releases its file without a byte sent.
            accepted.close(promise: nil)
        }
    }
}
