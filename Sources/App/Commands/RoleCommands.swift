import Fluent
import Vapor

/// `transcendence role grant <username> admin|moderator`, `role revoke <username>`, `role list`:
/// the only way to make staff. No HTTP route grants a role, so a stolen session can't make one.
struct RoleCommands: AsyncCommandGroup {
    var help: String { "Grants, revokes and lists the admin and moderator roles." }

    var commands: [String: any AnyAsyncCommand] {
        ["grant": GrantRoleCommand(), "revoke": RevokeRoleCommand(), "list": ListRolesCommand()]
    }
}

struct GrantRoleCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "username") var username: String
        @Argument(name: "role", help: "admin or moderator") var role: String
    }

    var help: String { "Makes a player an admin or a moderator (replacing any role they had)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let role = StaffRole.Role(rawValue: signature.role.lowercased()) else {
            throw StartupError("\"\(signature.role)\" is not a role: choose admin or moderator.", exitStatus: 2)
        }
        let app = context.application
        let user = try await RoleCommands.player(signature.username, on: app.db)
        let id = try user.requireID()
        try await app.db.transaction { tx in
            try await StaffRole.query(on: tx).filter(\.$id == id).delete()
            try await StaffRole(userID: id, role: role, at: app.clock.now).create(on: tx)
        }
        context.console.print("\(user.username) is now \(role == .admin ? "an admin" : "a moderator").")
    }
}

struct RevokeRoleCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "username") var username: String
    }

    var help: String { "Takes a player's admin or moderator role away." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let user = try await RoleCommands.player(signature.username, on: app.db)
        guard let role = try await StaffRole.find(user.requireID(), on: app.db) else {
            throw StartupError("\(user.username) has no role to revoke.", exitStatus: 2)
        }
        try await role.delete(on: app.db)
        context.console.print("\(user.username) is no longer \(role.role == .admin ? "an admin" : "a moderator").")
    }
}

struct ListRolesCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Lists the admins and moderators." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let roles = try await StaffRole.query(on: app.db).sort(\.$role).sort(\.$grantedAt).all()
        guard !roles.isEmpty else {
            context.console.print("No admins or moderators yet: grant one with `role grant <username> admin`.")
            return
        }
        let users = try await User.query(on: app.db).filter(\.$id ~~ roles.compactMap(\.id)).all()
        let names = Dictionary(uniqueKeysWithValues: users.compactMap { user in user.id.map { ($0, user.username) } })
        for role in roles {
            let name = role.id.flatMap { names[$0] } ?? "?"
            context.console.print("\(role.role.rawValue)\t\(name)\tsince \(role.grantedAt.formatted(.iso8601))")
        }
    }
}

extension RoleCommands {
    static func player(_ username: String, on db: any Database) async throws -> User {
        guard let user = try await User.query(on: db).filter(\.$usernameKey == username.lowercased()).first() else {
            throw StartupError("No player is named \"\(username)\".", exitStatus: 2)
        }
        return user
    }
}
