import Foundation

/// One message the server sends over the socket, on the wire `{"t": name, "d": payload}`, encoded
/// once however many sockets it goes to. It is made from its declaration: `.message(dto)`.
struct ServerEvent: Sendable {
    let name: String
    private let text: String

    init<Payload: Encodable & Sendable>(name: String, payload: Payload) {
        self.name = name
        self.text = ServerMessage(name, payload).json()
    }

    /// Compact JSON text.
    func json() -> String { text }
}

/// What the docs and the browser's list need of an event, whatever its payload.
protocol ServerEventDeclaration: Sendable {
    var name: String { get }
    var payload: String { get }
    var meaning: String { get }
    /// The Swift name (`matchFound`), the browser's key for it.
    var key: String { get }
}

/// One kind of event, declared once: its wire name, the type it carries (and how the docs describe
/// it), and what it tells the client. Calling it makes the event: `ServerEvent.matchFound(found)`,
/// or `.matchFound(found)` where a `ServerEvent` is expected.
struct EventType<Payload: Encodable & Sendable>: ServerEventDeclaration {
    let key: String
    let payload: String
    let meaning: String

    /// The wire name is the Swift name in snake_case (`matchFound` → `match_found`): one style for all.
    var name: String { Self.snakeCase(key) }

    init(_ key: String, _ payload: String, _ meaning: String) {
        self.key = key
        self.payload = payload
        self.meaning = meaning
    }

    func callAsFunction(_ value: Payload) -> ServerEvent {
        ServerEvent(name: name, payload: value)
    }

    static func snakeCase(_ key: String) -> String {
        key.reduce(into: "") { result, character in
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
    }
}

extension EventType where Payload == Empty {
    func callAsFunction() -> ServerEvent { ServerEvent(name: name, payload: Empty()) }
}

/// `{"t": type, "d": data}` as compact JSON text.
struct ServerMessage<Payload: Encodable & Sendable>: Encodable, Sendable {
    let t: String
    let d: Payload

    init(_ type: String, _ payload: Payload) {
        self.t = type
        self.d = payload
    }

    func json() -> String {
        // Encoding plain DTOs cannot fail; an empty object keeps the socket alive if it somehow does.
        (try? String(decoding: JSONEncoder.api.encode(self), as: UTF8.self)) ?? #"{"t":"error","d":{}}"#
    }
}

struct Empty: Codable, Sendable {}
