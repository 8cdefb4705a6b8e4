import NIOCore
import Vapor

/// Vapor's HTTP server, with the connection gate installed as soon as it listens.
struct ConnectionCappedServer: Server {
    let http: HTTPServer
    let gate: ConnectionGate
    let group: any EventLoopGroup
    let logger: Logger

    var onShutdown: EventLoopFuture<Void> { http.onShutdown }

    func start(address: BindAddress?) async throws {
        try await http.start(address: address)
        await ConnectionGateInstaller.install(gate, listeningOn: http.localAddress, group: group, logger: logger)
    }

    @available(*, noasync, message: "Use the async start() method instead.")
    func start(address: BindAddress?) throws {
        try http.start(address: address)
        let (gate, http, group, logger) = (gate, http, group, logger)
        try group.any().makeFutureWithTask {
            await ConnectionGateInstaller.install(gate, listeningOn: http.localAddress, group: group, logger: logger)
        }.wait()
    }

    func shutdown() async {
        await http.shutdown()
    }

    @available(*, noasync, message: "Use the async shutdown() method instead.")
    func shutdown() {
        http.shutdown()
    }
}
