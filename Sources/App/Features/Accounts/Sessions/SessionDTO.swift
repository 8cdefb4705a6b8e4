import Vapor

struct SessionDTO: Content {
    let id: UUID
    let userAgent: String
    let ipAddress: String
    let createdAt: Date
    let lastSeenAt: Date
    let current: Bool
}
