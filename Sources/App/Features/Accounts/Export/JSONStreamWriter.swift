import Foundation
import NIOCore
import Vapor

/// Writes one JSON object to a streamed response a piece at a time: each value is encoded on its
/// own and sent once about 64 KiB are waiting, so memory holds one page of rows, never the whole
/// document.
final class JSONStreamWriter: @unchecked Sendable {
    // Used from one task at a time: the response's stream closure, which awaits each write.
    private let writer: any AsyncBodyStreamWriter
    private let encoder = JSONEncoder.api
    private var buffer = ByteBuffer()
    private var needsComma: [Bool] = []
    private static let flushThreshold = 64 * 1024

    init(_ writer: any AsyncBodyStreamWriter) {
        self.writer = writer
    }

    func openObject() async throws {
        try await separate()
        buffer.writeStaticString("{")
        needsComma.append(false)
    }

    func openArray(_ key: String) async throws {
        try await writeKey(key)
        buffer.writeStaticString("[")
        needsComma.append(false)
    }

    func openObject(_ key: String) async throws {
        try await writeKey(key)
        buffer.writeStaticString("{")
        needsComma.append(false)
    }

    func closeObject() async throws {
        needsComma.removeLast()
        buffer.writeStaticString("}")
        try await flushIfFull()
    }

    func closeArray() async throws {
        needsComma.removeLast()
        buffer.writeStaticString("]")
        try await flushIfFull()
    }

    /// `"key": value` in the open object.
    func field(_ key: String, _ value: some Encodable) async throws {
        try await writeKey(key)
        buffer.writeBytes(try encoder.encode(value))
        try await flushIfFull()
    }

    /// One element of the open array.
    func element(_ value: some Encodable) async throws {
        try await separate()
        buffer.writeBytes(try encoder.encode(value))
        try await flushIfFull()
    }

    /// Sends what is left; the caller ends the stream.
    func finish() async throws {
        if buffer.readableBytes > 0 { try await writer.writeBuffer(buffer) }
        buffer.clear()
    }

    private func writeKey(_ key: String) async throws {
        try await separate()
        buffer.writeBytes(try encoder.encode(key))
        buffer.writeStaticString(":")
    }

    private func separate() async throws {
        guard let last = needsComma.indices.last else { return }
        if needsComma[last] { buffer.writeStaticString(",") }
        needsComma[last] = true
    }

    private func flushIfFull() async throws {
        guard buffer.readableBytes >= Self.flushThreshold else { return }
        try await writer.writeBuffer(buffer)
        buffer.clear()
    }
}
