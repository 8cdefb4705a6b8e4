import CZlib
import Foundation
import Testing
import VaporTesting

@testable import App

/// `Public/` from memory: gzip, validators, a year's caching under the versioned prefix, the page
/// that names the versions and preloads the first modules.
@Suite struct StaticAssetsTests {
    @Test func thePage_namesVersionedFiles_preloadsTheFirstModules_andIsRevalidated() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(.GET, "/login")
            let (html, version) = (response.body.string, app.assets.version)
            #expect(version.count == 12)
            #expect(html.contains("<script type=\"module\" src=\"/assets/\(version)/js/main.js\">"))
            #expect(html.contains("<link rel=\"stylesheet\" href=\"/assets/\(version)/css/app.css\">"))
            #expect(html.contains("<link rel=\"modulepreload\" href=\"/assets/\(version)/js/router.js\">"))
            // What only a signed-in player needs is not in a visitor's first load.
            #expect(!html.contains("/js/social/"))
            #expect(!html.contains("/js/views/"), "screens load when they are shown")
            #expect(response.headers.first(name: .cacheControl) == "no-cache")
            let etag = try #require(response.headers.first(name: .eTag))
            let again = try await Browser(app).send(.GET, "/profile", headers: [("If-None-Match", etag)])
            #expect(again.status == .notModified && again.body.readableBytes == 0)
        }
    }

    @Test func aVersionedFile_isGzipped_forAYear_andAnsweredWith304WhenCurrent() async throws {
        try await withTestApp { app in
            let version = app.assets.version
            let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: app.directory.publicDirectory + "js/main.js")))
            let zipped = try await Browser(app).send(
                .GET, "/assets/\(version)/js/main.js", headers: [("Accept-Encoding", "gzip, deflate, br")])
            #expect(zipped.status == .ok)
            #expect(zipped.headers.first(name: .contentEncoding) == "gzip")
            #expect(zipped.headers.first(name: .vary) == "Accept-Encoding")
            #expect(zipped.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
            #expect(zipped.headers.first(name: .contentType)?.hasPrefix("text/javascript") == true)
            #expect(zipped.body.readableBytes < original.count)
            #expect(inflate(Array(zipped.body.readableBytesView)) == original)

            let plain = try await Browser(app).send(
                .GET, "/assets/\(version)/js/main.js", headers: [("Accept-Encoding", "gzip;q=0, identity")])
            #expect(plain.headers.first(name: .contentEncoding) == nil)
            #expect(Array(plain.body.readableBytesView) == original)
            #expect(plain.headers.first(name: .eTag) == zipped.headers.first(name: .eTag))

            let etag = try #require(zipped.headers.first(name: .eTag))
            let cached = try await Browser(app).send(
                .GET, "/assets/\(version)/js/main.js", headers: [("If-None-Match", "\"other\", \(etag)")])
            #expect(cached.status == .notModified && cached.body.readableBytes == 0)
            #expect(cached.headers.first(name: .eTag) == etag)
        }
    }

    @Test func anOldVersion_getsTodaysFile_revalidated_andAnUnversionedOneToo() async throws {
        try await withTestApp { app in
            let old = try await Browser(app).send(.GET, "/assets/000000000000/css/app.css")
            #expect(old.status == .ok && old.headers.first(name: .cacheControl) == "no-cache")
            #expect(old.headers.first(name: .contentType)?.hasPrefix("text/css") == true)
            let unversioned = try await Browser(app).send(.GET, "/favicon.svg")
            #expect(unversioned.status == .ok && unversioned.headers.first(name: .cacheControl) == "no-cache")
            #expect(unversioned.headers.first(name: .eTag) != nil)
        }
    }

    @Test(arguments: [
        "/assets/", "/assets/x", "/assets/x/js/missing.js", "/assets/x/../../Package.swift",
        "/assets/x/%2e%2e/Package.swift", "/assets/x/.git/config", "/css/../../Package.swift"
    ])
    func whatIsNotAFileOfTheTree_isNotFound(path: String) async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(.GET, path)
            #expect(response.status == .notFound, "\(path)")
            #expect(!response.body.string.contains("swift-tools-version"))
        }
    }

    @Test func anEditedFile_changesTheVersion_andThePageNamesIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("js/views"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ path: String, _ text: String) throws {
            try text.write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        try write("index.html", "<head><script type=\"module\" src=\"/js/main.js\"></script></head>")
        try write("js/main.js", "import { a } from \"./a.js\";\nconst later = () => import(\"./views/screen.js\");\n")
        try write("js/a.js", "export {\n  b,\n} from \"./b.js\";\nexport const a = 1;\n")
        try write("js/b.js", "export const b = 2;\n")
        try write("js/views/screen.js", "import \"../b.js\";\n")
        try write(".secret", "no")
        let catalog = AssetCatalog(directory: folder.path)
        let before = catalog.version
        let html = String(buffer: try #require(catalog.page).body)
        #expect(html.contains("<link rel=\"modulepreload\" href=\"/assets/\(before)/js/a.js\">"))
        #expect(html.contains("<link rel=\"modulepreload\" href=\"/assets/\(before)/js/b.js\">"))
        #expect(!html.contains("screen.js"), "a dynamic import loads when it is needed")
        #expect(catalog.asset(at: "/.secret") == nil)

        try write("js/b.js", "export const b = 3;\n")
        catalog.refreshIfChanged(atMostEvery: .zero)
        #expect(catalog.version != before)
        #expect(String(buffer: try #require(catalog.page).body).contains("/assets/\(catalog.version)/js/main.js"))
        #expect(String(buffer: try #require(catalog.asset(at: "/js/b.js")).body).contains("3"))
    }
}

/// gunzip, to check what the server sent.
private func inflate(_ input: [UInt8]) -> [UInt8]? {
    var stream = z_stream()
    guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: 1 << 22)
    let result = input.withUnsafeBufferPointer { source in
        output.withUnsafeMutableBufferPointer { target in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = uInt(source.count)
            stream.next_out = target.baseAddress
            stream.avail_out = uInt(target.count)
            return CZlib.inflate(&stream, Z_FINISH)
        }
    }
    guard result == Z_STREAM_END else { return nil }
    return Array(output.prefix(Int(stream.total_out)))
}
