import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Vapor's HTTP server, with the connection gate installed as soon as it listens.
struct ConnectionCappedServer: Server {
    let http: HTTPServer
    let gate: ConnectionGate
    let group: any EventLoopGroup
    let logger: Logger
    /// Told where the server listens once it does (the cluster's instances tell each other).
    let listening: ListeningAddress

    var onShutdown: EventLoopFuture<Void> { http.onShutdown }

    func start(address: BindAddress?) async throws {
        try await http.start(address: address)
        listening.set(http.localAddress)
        await ConnectionGateInstaller.install(gate, listeningOn: http.localAddress, group: group, logger: logger)
    }

    @available(*, noasync, message: "Use the async start() method instead.")
    func start(address: BindAddress?) throws {
        try http.start(address: address)
        listening.set(http.localAddress)
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

/// Where this process's HTTP server listens, once it does. Read it here rather than through
/// `app.http.server.shared`: touching that before `configure` ends would build the server with
/// the routes registered so far.
final class ListeningAddress: Sendable {
    private let address = NIOLockedValueBox<SocketAddress?>(nil)

    var port: Int? { address.withLockedValue { $0?.port } }

    func set(_ value: SocketAddress?) {
        address.withLockedValue { $0 = value }
    }
}

extension Application {
    private struct ListeningAddressKey: StorageKey { typealias Value = ListeningAddress }

    var listeningAddress: ListeningAddress {
        get {
            guard let address = storage[ListeningAddressKey.self] else { fatalError("configure() sets listeningAddress") }
            return address
        }
        set { storage[ListeningAddressKey.self] = newValue }
    }
}
