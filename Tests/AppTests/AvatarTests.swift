import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

@Suite struct AvatarTests {
    @Test func newPlayers_getAGeneratedAvatar() async throws {
        try await withTestApp { app in
            let alice = Browser(app)
            let url = try await alice.signUp("Alice").decode(MeDTO.self).avatarURL
            let picture = try await Browser(app).send(.GET, url)
            #expect(picture.status == .ok)
            #expect(picture.headers.contentType?.description.hasPrefix("image/svg+xml") == true)
            #expect(picture.body.string.contains(">AL<"))
            #expect(picture.headers.first(name: "X-Content-Type-Options") == "nosniff")
        }
    }

    @Test func upload_storesAPictureAndServesItWithItsRealType() async throws {
        try await withTestApp { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            // Declared as GIF, really a PNG: the bytes decide.
            let upload = try await alice.send(
                .PUT, "/api/me/avatar", body: ByteBuffer(bytes: ImageBytes.png(width: 64, height: 64)),
                contentType: "image/gif")
            #expect(upload.status == .ok)
            let me = try upload.decode(MeDTO.self)
            #expect(me.hasCustomAvatar)
            let picture = try await Browser(app).send(.GET, me.avatarURL)
            #expect(picture.status == .ok)
            #expect(picture.headers.contentType?.description == "image/png")
            #expect(picture.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(Array(picture.body.readableBytesView) == ImageBytes.png(width: 64, height: 64))
            let files = try FileManager.default.contentsOfDirectory(atPath: app.accountParts.avatars.directory)
            #expect(files.count == 1 && files[0].hasSuffix(".png"))

            let removed = try await alice.send(.DELETE, "/api/me/avatar")
            #expect(try removed.decode(MeDTO.self).hasCustomAvatar == false)
            #expect(try FileManager.default.contentsOfDirectory(atPath: app.accountParts.avatars.directory).isEmpty)
        }
    }

    @Test func upload_refusesHTMLDisguisedAsAPicture() async throws {
        try await withTestApp { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            let disguised = try await alice.send(
                .PUT, "/api/me/avatar",
                body: ByteBuffer(string: "<html><script>alert(document.cookie)</script></html>"),
                contentType: "image/png")
            #expect(disguised.status == .unsupportedMediaType)
            #expect(disguised.errorCode == "unsupported_image")
            #expect(disguised.errorFields["avatar"] != nil)
            let declaredHTML = try await alice.send(
                .PUT, "/api/me/avatar", body: ByteBuffer(bytes: ImageBytes.png(width: 8, height: 8)),
                contentType: "text/html")
            #expect(declaredHTML.status == .unsupportedMediaType)
            #expect(declaredHTML.errorCode == "unsupported_media_type")
            #expect(try await User.query(on: app.db).first()?.avatarFile == nil)
        }
    }

    @Test func upload_refusesFilesOverTwoMebibytes() async throws {
        try await withTestApp { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            let huge = ImageBytes.png(width: 100, height: 100) + Array(repeating: 0, count: 2 * 1024 * 1024)
            let response = try await alice.send(.PUT, "/api/me/avatar", body: ByteBuffer(bytes: huge), contentType: "image/png")
            #expect(response.status == .payloadTooLarge)
            #expect(response.errorCode == "payload_too_large")
        }
    }

    @Test func upload_refusesHugePixelSizes() async throws {
        try await withTestApp { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            let response = try await alice.send(
                .PUT, "/api/me/avatar", body: ByteBuffer(bytes: ImageBytes.png(width: 50_000, height: 50_000)),
                contentType: "image/png")
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "image_too_large")
        }
    }

    @Test func upload_needsALogin() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(
                .PUT, "/api/me/avatar", body: ByteBuffer(bytes: ImageBytes.png(width: 8, height: 8)),
                contentType: "image/png")
            #expect(response.status == .unauthorized)
        }
    }

    @Test func concurrentUploadsThenADelete_leaveNoOrphanFiles() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            let folder = app.accountParts.avatars.directory
            let statuses = try await concurrently(10) { index in
                try await alice.send(
                    .PUT, "/api/me/avatar", body: ByteBuffer(bytes: ImageBytes.png(width: 10 + index, height: 10)),
                    contentType: "image/png"
                ).status.code
            }
            #expect(statuses.allSatisfy { $0 == 200 })
            let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(files.count == 1, "\(files)")
            let user = try await User.named("alice", on: app.db)
            #expect(files == [user.avatarFile])
            #expect(try await alice.send(.DELETE, "/api/me/avatar").status == .ok)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        }
    }

    @Test func aWebPHeaderOfZeros_isRefused() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            let upload = try await alice.send(
                .PUT, "/api/me/avatar", body: ByteBuffer(bytes: ImageBytes.zeroWebP), contentType: "image/webp")
            #expect(upload.status == .unsupportedMediaType)
            #expect(upload.errorCode == "unsupported_image")
            #expect(try FileManager.default.contentsOfDirectory(atPath: app.accountParts.avatars.directory).isEmpty)
        }
    }
}
