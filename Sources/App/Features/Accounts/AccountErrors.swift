import Vapor

extension AppError {
    static let userNotFound = AppError(status: .notFound, code: "user_not_found", message: "No player has this username.")
    static let userIDNotFound = AppError(status: .notFound, code: "user_not_found", message: "No player has this id.")
    /// Says nothing about which half was wrong, or whether the account exists.
    static let invalidCredentials = AppError(
        status: .unauthorized, code: "invalid_credentials",
        message: "That username or email and password don't match an account.")
    static func wrongPassword(field: String) -> AppError {
        AppError(
            status: .badRequest, code: "wrong_password", message: "That password is not right.",
            fields: [field: "That password is not right."])
    }
    static let usernameTaken = AppError(
        status: .conflict, code: "username_taken", message: "This username is already taken.",
        fields: ["username": "This username is already taken."])
    static let emailTaken = AppError(
        status: .conflict, code: "email_taken", message: "An account already uses this email.",
        fields: ["email": "An account already uses this email."])
    static let accountChangedMeanwhile = AppError(
        status: .conflict, code: "conflict", message: "This account changed meanwhile; try again.")
    static let sessionNotFound = AppError(status: .notFound, code: "session_not_found", message: "No such session.")
    static let avatarMediaType = AppError(
        status: .unsupportedMediaType, code: "unsupported_media_type",
        message: "Upload a PNG, JPEG, GIF or WebP picture.")
    static let unsupportedImage = AppError(
        status: .unsupportedMediaType, code: "unsupported_image",
        message: "This file is not a PNG, JPEG, GIF or WebP picture.",
        fields: ["avatar": "This file is not a PNG, JPEG, GIF or WebP picture."])
    static func imageTooLarge(_ problem: String) -> AppError {
        AppError(status: .badRequest, code: "image_too_large", message: problem, fields: ["avatar": problem])
    }
}
