import Vapor

/// Every email about signing in: codes, links, and the notices SECURITY.md
/// requires whenever a sign-in detail changes, so an owner learns of a change they did not make.
enum SecurityEmails {
    static func loginCode(_ code: String, for user: User) -> Email {
        Email(
            to: user.email, subject: "Your Transcendence login code: \(code)",
            body: """
                Hi \(user.username),

                Here is the code to finish logging in. It works once, for 10 minutes.

                \(code)

                If you did not just try to log in, someone knows your password: change it from your profile.
                """, writtenIn: user.language)
    }

    static func twoFactorChanged(for user: User, change: String) -> Email {
        Email(
            to: user.email, subject: "Your Transcendence login security changed",
            body: """
                Hi \(user.username),

                \(change)

                If this was not you, change your password now and review the devices signed in to your account.
                """, writtenIn: user.language)
    }

    static func passwordReset(link: String, for user: User) -> Email {
        Email(
            to: user.email, subject: "Reset your Transcendence password",
            body: """
                Hi \(user.username),

                Someone (we hope you) asked to reset the password of your Transcendence account. Open this link within 30 minutes to choose a new one:

                \(link)

                If you did not ask, ignore this email: your password stays as it is.
                """, writtenIn: user.language)
    }

    static func confirmEmail(link: String, address: String, for user: User) -> Email {
        Email(
            to: address, subject: "Confirm your email for Transcendence",
            body: """
                Hi \(user.username),

                Please confirm that this address belongs to your Transcendence account by opening this link within 48 hours:

                \(link)

                If you did not sign up or change your email, ignore this message.
                """, writtenIn: user.language)
    }

    static func passwordChanged(for user: User) -> Email {
        Email(
            to: user.email, subject: "Your Transcendence password was changed",
            body: """
                Hi \(user.username),

                The password of your Transcendence account was just changed, and every other device was signed out.

                If this was you, there is nothing to do. If it was not, reset your password now and check the devices listed on your profile.
                """, writtenIn: user.language)
    }

    static func emailChanged(for user: User, previousAddress: String) -> Email {
        Email(
            to: previousAddress, subject: "Your Transcendence email address was changed",
            body: """
                Hi \(user.username),

                The email address of your Transcendence account was changed from this address to \(user.email).

                If this was not you, someone may have your password: contact us and change it as soon as you can.
                """, writtenIn: user.language)
    }

    static func signupCode(_ code: String, link: String, username: String, to address: String, language: String) -> Email {
        Email(
            to: address, subject: "Your Transcendence sign-up code: \(code)",
            body: """
                Hi \(username),

                Here is the code to finish creating your Transcendence account. It works once, for 30 minutes.

                \(code)

                Or open this link:

                \(link)

                If you did not just sign up, ignore this message: no account is created without this code.
                """, writtenIn: language)
    }

    /// Sign-up with an address that already has an account: its owner hears of it, the form says nothing.
    static func signupWithExistingAddress(for user: User, baseURL: String) -> Email {
        Email(
            to: user.email, subject: "Someone tried to sign up to Transcendence with your address",
            body: """
                Hi \(user.username),

                Someone just tried to create a Transcendence account with this address. You already have one, so nothing was created.

                If it was you, log in instead: \(baseURL)/login
                Forgotten your password? Choose a new one: \(baseURL)/forgot-password

                If it was not you, there is nothing to do: your account is unchanged.
                """, writtenIn: user.language)
    }
}
