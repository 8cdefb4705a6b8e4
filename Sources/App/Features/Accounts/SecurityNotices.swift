import Vapor

/// The emails SECURITY.md requires whenever a sign-in detail changes, so an
/// account owner learns of a change they did not make.
enum SecurityNotices {
    static func passwordChanged(for user: User) -> Email {
        Email(to: user.email, subject: "Your Transcendence password was changed", body: """
        Hi \(user.username),

        The password of your Transcendence account was just changed, and every other device was signed out.

        If this was you, there is nothing to do. If it was not, reset your password now and check the devices listed on your profile.
        """)
    }

    static func emailChanged(for user: User, previousAddress: String) -> Email {
        Email(to: previousAddress, subject: "Your Transcendence email address was changed", body: """
        Hi \(user.username),

        The email address of your Transcendence account was changed from this address to \(user.email).

        If this was not you, someone may have your password: contact us and change it as soon as you can.
        """)
    }
}
