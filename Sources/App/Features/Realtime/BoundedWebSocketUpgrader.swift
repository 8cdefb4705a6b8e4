import NIOCore
import NIOHTTP1
import NIOWebSocket
import Vapor

/// Vapor's own upgrader reassembles fragmented messages without any limit;
/// this one caps each frame and each reassembled message, and hard-closes the
/// connection on any protocol error instead of waiting politely for the peer.
struct BoundedWebSocketUpgrader: Upgrader, Sendable {
    struct Limits: Sendable {
        /// The largest single frame and the largest whole message, in bytes.
        var maximumMessageBytes = 8 * 1024
        /// A message split into more fragments than this is refused.
        var maximumFragments = 16
        /// Keep-alive, control-frame budget and protocol strictness, in front of websocket-kit.
        var frames = WebSocketFrameGuard.Settings()
    }

    let limits: Limits
    /// Gets the channel too: the hot path writes snapshot frames straight onto it.
    let onUpgrade: @Sendable (WebSocket, any Channel) -> Void

    func applyUpgrade(req: Request, res: Response) -> any HTTPServerProtocolUpgrader {
        let limits = self.limits
        let onUpgrade = self.onUpgrade
        return NIOWebSocketServerUpgrader(
            maxFrameSize: limits.maximumMessageBytes, automaticErrorHandling: false,
            shouldUpgrade: { channel, _ in channel.eventLoop.makeSucceededFuture([:]) },
            upgradePipelineHandler: { channel, _ in
                var settings = WebSocket.Configuration()
                settings.maxAccumulatedFrameSize = limits.maximumMessageBytes
                settings.maxAccumulatedFrameCount = limits.maximumFragments
                // Tiny fragments are the cheap way to make a server do a lot of work.
                settings.minNonFinalFragmentSize = 64
                let configuration = settings
                // The outbound queue's bound: past 8 KiB waiting in NIO (about 190 snapshots,
                // after the kernel's socket buffer is full) the channel reports unwritable.
                var frameSettings = limits.frames
                frameSettings.maximumMessageBytes = limits.maximumMessageBytes
                let guardSettings = frameSettings
                return channel.setOption(ChannelOptions.writeBufferWaterMark, value: .init(low: 4 * 1024, high: 8 * 1024))
                    // First in line, so websocket-kit never sees a control frame or a malformed one.
                    .flatMapThrowing {
                        let pipeline = channel.pipeline.syncOperations
                        try pipeline.addHandler(WebSocketFrameGuard(settings: guardSettings))
                        // HTTP's idle timeout would cost a promise per written frame (60 per second per game);
                        // the guard's own keep-alive decides when a socket is dead instead.
                        if let idle = try? pipeline.handler(type: IdleStateHandler.self) { pipeline.removeHandler(idle, promise: nil) }
                    }
                    .flatMap { WebSocket.server(on: channel, config: configuration) { onUpgrade($0, channel) } }
                    .flatMapThrowing { try channel.pipeline.syncOperations.addHandler(CloseOnError()) }
            })
    }
}

/// Last in the pipeline: a peer that breaks the protocol (an oversized frame,
/// too many fragments) is cut off at once, so it cannot keep streaming.
private final class CloseOnError: ChannelInboundHandler, Sendable {
    typealias InboundIn = Never

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
