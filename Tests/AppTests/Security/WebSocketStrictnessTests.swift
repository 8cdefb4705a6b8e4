import Foundation
import Testing

@testable import App

/// RFC 6455 strictness and control-frame limits, with frames a browser would never send.
@Suite struct WebSocketStrictnessTests {
    private func withSocket(_ test: (RawWebSocket) async throws -> Void) async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            try await withRunningServer(app) { port in
                let socket = try await RawWebSocket.open(port: port, cookie: try #require(alice.cookie))
                try await socket.waitFor("hello") { String(decoding: $0, as: UTF8.self).contains("hello") }
                try await test(socket)
                await socket.close()
            }
        }
    }

    private let ping = Array(#"{"t":"ping","d":{"at":1}}"#.utf8)

    @Test func anUnmaskedClientFrame_closesWith1002() async throws {
        try await withSocket { socket in
            try await socket.write(RawWebSocket.frame(opcode: 0x1, payload: ping, masked: false))
            try await socket.waitUntilClosed()
            #expect(socket.closeCode == 1002)
        }
    }

    @Test(arguments: [UInt8(4), 2, 1])
    func rsvBitsWithoutAnExtension_closeWith1002(rsv: UInt8) async throws {
        try await withSocket { socket in
            try await socket.write(RawWebSocket.frame(opcode: 0x1, payload: ping, rsv: rsv))
            try await socket.waitUntilClosed()
            #expect(socket.closeCode == 1002)
        }
    }

    @Test(arguments: [UInt8(0x3), 0x7, 0xB, 0xF])
    func aReservedOpcode_closesWith1002(opcode: UInt8) async throws {
        try await withSocket { socket in
            try await socket.write(RawWebSocket.frame(opcode: opcode, payload: [1, 2, 3]))
            try await socket.waitUntilClosed()
            #expect(socket.closeCode == 1002)
        }
    }

    @Test func invalidUTF8InAText_closesWith1007() async throws {
        try await withSocket { socket in
            try await socket.write(RawWebSocket.frame(opcode: 0x1, payload: [0x7b, 0xff, 0xfe, 0x7d]))
            try await socket.waitUntilClosed()
            #expect(socket.closeCode == 1007)
        }
    }

    @Test func invalidUTF8SplitOverFragments_closesWith1007_butACharacterSplitInTwoIsFine() async throws {
        try await withSocket { socket in
            // "é" (C3 A9) split across two fragments is valid UTF-8 once put together
            // (fragments before the last must be 64 bytes or more: tiny ones are refused).
            let text = Array(#"{"t":"ping","d":{"at":1},"x":""#.utf8) + Array(repeating: 0x61, count: 70) + Array(#"é"}"#.utf8)
            let cut = text.firstIndex(of: 0xC3)! + 1
            try await socket.write(RawWebSocket.frame(opcode: 0x1, payload: Array(text[..<cut]), fin: false))
            try await socket.write(RawWebSocket.frame(opcode: 0x0, payload: Array(text[cut...])))
            try await socket.waitFor("pong") { String(decoding: $0, as: UTF8.self).contains("pong") }
            #expect(socket.isOpen)
            try await socket.write(
                RawWebSocket.frame(opcode: 0x1, payload: [0x7b] + Array(repeating: 0x20, count: 70) + [0xC3], fin: false))
            try await socket.write(RawWebSocket.frame(opcode: 0x0, payload: [0x28, 0x7d]))
            try await socket.waitUntilClosed()
            #expect(socket.closeCode == 1007)
        }
    }

    @Test func aFloodOfPings_isCutOff() async throws {
        try await withSocket { socket in
            let frame = RawWebSocket.frame(opcode: 0x9, payload: Array(repeating: 7, count: 125))
            for _ in 0..<200 where socket.isOpen {
                try? await socket.write(frame)
            }
            try await socket.waitUntilClosed()
            // Cut off by the control-frame budget (1008), or, when its pongs pile up unread on a slow
            // machine, dropped outright by the outbound bound: either way it is gone.
            #expect(socket.closeCode == 1008 || socket.closeCode == nil)
        }
    }

    @Test func afewPings_areAnsweredWithTheirPayload() async throws {
        try await withSocket { socket in
            try await socket.write(RawWebSocket.frame(opcode: 0x9, payload: Array("knock".utf8)))
            // A pong (0x8A) carrying the same five bytes.
            try await socket.waitFor("the pong") { bytes in
                bytes.indices.dropLast(6).contains {
                    bytes[$0] == 0x8A && bytes[$0 + 1] == 5 && Array(bytes[$0 + 2..<$0 + 7]) == Array("knock".utf8)
                }
            }
            #expect(socket.isOpen)
        }
    }

    @Test func aPingFloodFromAClientThatNeverReads_isDroppedAndNeverBuffered() async throws {
        // The keep-alive drops a silent client after two intervals (16 s): five times the flood's 3 s,
        // so a machine four times slower still sees the flood alone not drop it.
        try await withTestApp(socketPingInterval: .seconds(8)) { app in
            let alice = try await Browser.signedUp(app, "alice")
            try await withRunningServer(app) { port in
                let socket = try await RawWebSocket.open(port: port, cookie: try #require(alice.cookie), reading: false)
                // Within the control-frame budget's burst and refill, for ~3 s: the pongs can't be read.
                let frame = RawWebSocket.frame(opcode: 0x9, payload: Array(repeating: 7, count: 125))
                for _ in 0..<15 where socket.isOpen {
                    try? await socket.write(frame)
                    try await Task.sleep(for: .milliseconds(200))
                }
                #expect(app.connectedUsers.socketCount == 1)
                // Whatever the server's buffers, the client is gone within two keep-alive intervals.
                let deadline = Date().addingTimeInterval(60)
                while app.connectedUsers.socketCount > 0, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
                #expect(app.connectedUsers.socketCount == 0)
                await socket.close()
            }
        }
    }
}
