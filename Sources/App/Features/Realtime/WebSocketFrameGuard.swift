import NIOCore
import NIOWebSocket

/// Sits in front of websocket-kit and sees every raw frame first.
///
/// websocket-kit answers each ping with a pong written straight onto the
/// channel, past any budget or outbound bound, and accepts any pong as proof of
/// life; it also passes unmasked frames, RSV bits and invalid UTF-8. So this
/// handler owns the control frames and the protocol's strictness:
/// - RFC 6455: unmasked client frames, RSV bits (no extension is negotiated) and
///   reserved opcodes close with 1002; a text message that is not UTF-8 with 1007.
/// - Pings from the client spend a small budget (browsers never send any) and
///   are answered only while the channel is writable: a client that floods pings
///   and never reads is cut off instead of piling up pongs in server memory.
/// - Keep-alive: every `interval` the server pings with a fresh random payload; a
///   client that has not echoed the previous one is closed. Unsolicited pongs
///   prove nothing, so a client that stops reading is gone within two intervals.
final class WebSocketFrameGuard: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    struct Settings: Sendable {
        var pingInterval: TimeAmount = .seconds(10)
        /// Client pings and pongs: a few a second on average, with a small burst.
        var controlFramesPerSecond = 5.0
        var controlFrameBurst = 20.0
        /// The largest text message checked for UTF-8 (bigger ones are refused by the aggregator anyway).
        var maximumMessageBytes = 8 * 1024
    }

    private let settings: Settings
    private var budget: MessageBudget
    private var awaitedPong: UInt64?
    private var keepAlive: RepeatedTask?
    /// The text message being reassembled from fragments, to check its UTF-8 whole.
    private var pendingText: ByteBuffer?
    private var inMessage = false
    private var closing = false

    init(settings: Settings) {
        self.settings = settings
        self.budget = MessageBudget(perSecond: settings.controlFramesPerSecond, burst: settings.controlFrameBurst)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        keepAlive = context.eventLoop.scheduleRepeatedTask(initialDelay: settings.pingInterval, delay: settings.pingInterval) { _ in
            let (handler, context) = loopBound.value
            handler.sendKeepAlive(context: context)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        keepAlive?.cancel()
        keepAlive = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        keepAlive?.cancel()
        keepAlive = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        let frame = unwrapInboundIn(data)
        guard frame.maskKey != nil, !frame.rsv1, !frame.rsv2, !frame.rsv3 else {
            return fail(context: context, code: .protocolError)
        }
        switch frame.opcode {
        case .ping, .pong:
            guard frame.fin, frame.data.readableBytes <= 125 else { return fail(context: context, code: .protocolError) }
            guard budget.spend(at: .now()) else { return fail(context: context, code: .policyViolation) }
            if frame.opcode == .ping {
                answerPing(frame, context: context)
            } else {
                notePong(frame)
            }
        case .connectionClose:
            context.fireChannelRead(data)
        case .text, .binary:
            guard !inMessage else { return fail(context: context, code: .protocolError) }
            inMessage = !frame.fin
            if frame.opcode == .text {
                guard track(text: frame.unmaskedData, fin: frame.fin) else {
                    return fail(context: context, code: .dataInconsistentWithMessage)
                }
            }
            context.fireChannelRead(data)
        case .continuation:
            guard inMessage else { return fail(context: context, code: .protocolError) }
            inMessage = !frame.fin
            if pendingText != nil {
                guard track(text: frame.unmaskedData, fin: frame.fin) else {
                    return fail(context: context, code: .dataInconsistentWithMessage)
                }
            }
            context.fireChannelRead(data)
        default:
            fail(context: context, code: .protocolError)
        }
    }

    /// Appends a text fragment; on the last one, checks the whole message is UTF-8.
    private func track(text: ByteBuffer, fin: Bool) -> Bool {
        // The usual case, a whole message in one frame: checked in place, nothing copied.
        if pendingText == nil, fin { return String(validating: text.readableBytesView, as: UTF8.self) != nil }
        var message = pendingText ?? text.allocatorlessCopy()
        if pendingText != nil {
            var fragment = text
            message.writeBuffer(&fragment)
        }
        guard message.readableBytes <= settings.maximumMessageBytes else {
            // The aggregator refuses this message; no need to hold a copy.
            pendingText = nil
            return true
        }
        guard fin else {
            pendingText = message
            return true
        }
        pendingText = nil
        return String(validating: message.readableBytesView, as: UTF8.self) != nil
    }

    private func answerPing(_ frame: WebSocketFrame, context: ChannelHandlerContext) {
        // A pong that can't be written now would wait in memory: a client that isn't reading goes instead.
        guard context.channel.isWritable else { return fail(context: context, code: .policyViolation) }
        let pong = WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)
        context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
    }

    private func notePong(_ frame: WebSocketFrame) {
        var data = frame.unmaskedData
        if let awaited = awaitedPong, data.readableBytes == 8, data.readInteger(as: UInt64.self) == awaited {
            awaitedPong = nil
        }
    }

    private func sendKeepAlive(context: ChannelHandlerContext) {
        guard !closing, context.channel.isActive else { return }
        guard awaitedPong == nil, context.channel.isWritable else {
            // No echo of the last ping, or nothing read for a whole interval: the client is gone or stuck.
            closing = true
            context.close(promise: nil)
            return
        }
        let nonce = UInt64.random(in: .min ... .max)
        awaitedPong = nonce
        var payload = context.channel.allocator.buffer(capacity: 8)
        payload.writeInteger(nonce)
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .ping, data: payload)), promise: nil)
    }

    /// Sends a close frame with `code` and drops the connection without waiting for the peer's answer.
    private func fail(context: ChannelHandlerContext, code: WebSocketErrorCode) {
        guard !closing else { return }
        closing = true
        var payload = context.channel.allocator.buffer(capacity: 2)
        payload.write(webSocketErrorCode: code)
        let close = WebSocketFrame(fin: true, opcode: .connectionClose, data: payload)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(close)).whenComplete { _ in bound.value.close(promise: nil) }
    }
}

private extension ByteBuffer {
    /// A copy that owns its bytes, so a fragment's buffer can be appended to it.
    func allocatorlessCopy() -> ByteBuffer {
        ByteBuffer(bytes: readableBytesView)
    }
}
