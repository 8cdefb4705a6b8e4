import NIOCore
import NIOHTTP1
import NIOPosix
import Vapor

/// Puts the gate in front of the accepting channel, which Vapor does not expose: the server
/// connects to itself once at start with an upgrade request, and the upgrade, which is handed
/// the accepted channel, reaches its parent (the listening channel) and installs the gate there.
enum ConnectionGateInstaller {
    static let upgradeProtocol = "transcendence-connection-gate"

    /// The route the self-connection asks for; it answers 404 to anyone without the token or once done.
    static func register(on routes: any RoutesBuilder, gate: ConnectionGate) {
        routes.get("internal", "connection-gate", ":token") { request -> Response in
            guard let token = request.parameters.get("token"), ServerCrypto.equal(token, gate.installToken),
                !gate.isInstalled
            else { throw AppError.notFound }
            let response = Response(status: .switchingProtocols)
            response.upgrader = InstallingUpgrader(gate: gate)
            return response
        }
    }

    static func install(
        _ gate: ConnectionGate, listeningOn address: SocketAddress?, group: any EventLoopGroup,
        logger: Logger
    ) async {
        guard let target = address.flatMap(loopback(to:)) else {
            logger.notice("No connection cap: the server does not listen on TCP")
            return
        }
        do {
            let channel = try await ClientBootstrap(group: group).connect(to: target).get()
            let request = """
                GET /internal/connection-gate/\(gate.installToken) HTTP/1.1\r
                Host: 127.0.0.1\r
                Connection: Upgrade\r
                Upgrade: \(upgradeProtocol)\r
                \r

                """
            try await channel.writeAndFlush(channel.allocator.buffer(string: request)).get()
            // A one-off step at start; generous for a loaded machine.
            let deadline = NIODeadline.now() + .seconds(30)
            while !gate.isInstalled, NIODeadline.now() < deadline { try await Task.sleep(for: .milliseconds(5)) }
            try? await channel.close()
        } catch {
            logger.warning("Connection cap not installed: \(String(reflecting: error))")
        }
        if gate.isInstalled {
            logger.info("At most \(gate.cap) connections at once; past that an idle one makes room or the newcomer is refused")
        } else {
            logger.warning("The connection cap is not in force: the server could not reach itself at \(target)")
        }
    }

    /// A server listening on every address is reached on loopback.
    private static func loopback(to address: SocketAddress) -> SocketAddress? {
        guard let port = address.port else { return nil }
        switch address.ipAddress {
        case "0.0.0.0": return try? SocketAddress(ipAddress: "127.0.0.1", port: port)
        case "::": return try? SocketAddress(ipAddress: "::1", port: port)
        case .some: return address
        case .none: return nil
        }
    }
}

private struct InstallingUpgrader: Upgrader {
    let gate: ConnectionGate

    func applyUpgrade(req: Request, res: Response) -> any HTTPServerProtocolUpgrader {
        InstallingProtocolUpgrader(gate: gate)
    }
}

private struct InstallingProtocolUpgrader: HTTPServerProtocolUpgrader, Sendable {
    struct AlreadyInstalled: Error {}

    let gate: ConnectionGate
    var supportedProtocol: String { ConnectionGateInstaller.upgradeProtocol }
    var requiredUpgradeHeaders: [String] { [] }

    func buildUpgradeResponse(
        channel: any Channel, upgradeRequest: HTTPRequestHead,
        initialResponseHeaders: HTTPHeaders
    ) -> EventLoopFuture<HTTPHeaders> {
        guard let listening = channel.parent, gate.claimInstallation() else {
            return channel.eventLoop.makeFailedFuture(AlreadyInstalled())
        }
        let gate = self.gate
        return listening.pipeline.addHandler(AcceptGateHandler(gate: gate), position: .first)
            .hop(to: channel.eventLoop)
            .map {
                gate.finishInstallation()
                return initialResponseHeaders
            }
    }

    func upgrade(context: ChannelHandlerContext, upgradeRequest: HTTPRequestHead) -> EventLoopFuture<Void> {
        context.close()
    }
}
