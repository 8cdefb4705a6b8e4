import Fluent
import Vapor

struct SignupRequest: Decodable {
    let username: String
    let email: String
    let password: String
}

struct LoginRequest: Decodable {
    /// Username or email.
    let login: String
    let password: String
}

struct UpdateMeRequest: Decodable {
    let username: String?
    let email: String?
    let newPassword: String?
    let currentPassword: String?
}

struct PasswordConfirmation: Decodable {
    let password: String
}

/// The owner's view of their account.
struct MeDTO: Content {
    let id: UUID
    let username: String
    let email: String
    let avatarURL: String
    let hasCustomAvatar: Bool
    let emailConfirmed: Bool
    /// A new address waiting for its confirmation link.
    let pendingEmail: String?
    let twoFactorMethod: String
    /// The language chosen for the site and emails (`fr`…), nil until one is chosen.
    let language: String?
    let createdAt: Date
    /// The playban being served, on the owner's own `GET /api/me` only (nil elsewhere, and when none).
    var playban: PlaybanDTO?
    /// `admin` or `moderator` for staff (the moderation screen's link), nil for everyone else.
    var staffRole: StaffRole.Role?

    /// The account as its owner's page reads it: with a playban being served, and a staff role.
    static func current(_ user: User, at now: Date, on db: any Database) async throws -> MeDTO {
        var me = try MeDTO(user)
        let id = try user.requireID()
        me.playban = try await PlaybanDTO.current(for: id, at: now, on: db)
        me.staffRole = try await StaffRole.of(id, on: db)
        return me
    }

    init(_ user: User) throws {
        let id = try user.requireID()
        self.id = id
        self.username = user.username
        self.email = user.email
        self.avatarURL = AvatarURL.for(user)
        self.hasCustomAvatar = user.avatarFile != nil
        self.emailConfirmed = user.emailConfirmedAt != nil
        self.pendingEmail = user.pendingEmail
        self.twoFactorMethod = user.twoFactorMethod
        self.language = user.language
        self.createdAt = user.createdAt ?? .distantPast // Fluent sets it on create: never nil for a stored user
    }
}

/// What anyone may see of a player.
struct PublicProfileDTO: Content {
    let username: String
    let avatarURL: String
    let joinedAt: Date

    init(_ user: User) {
        self.username = user.username
        self.avatarURL = AvatarURL.for(user)
        self.joinedAt = user.createdAt ?? .distantPast // Fluent sets it on create: never nil for a stored user
    }
}

/// The login answer. `status` leaves room for a second step
/// (`"second_factor_required"`) without breaking clients that read it.
struct LoginResponse: Content {
    let status: String
    let user: MeDTO
}

struct AuthStatusDTO: Content {
    let authenticated: Bool
    let user: MeDTO?
}

enum AvatarURL {
    /// The version query changes with the picture, so browsers can cache each one forever.
    static func `for`(_ user: User) -> String {
        let id = user.id?.uuidString.lowercased() ?? ""
        let version = user.avatarFile.map { String($0.prefix(12)) } ?? "default-\(user.username)"
        return "/api/avatars/\(id)?v=\(version)"
    }
}
