import Crypto
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Every file of `Public/` (dot-files and dot-folders left out), read once and kept in memory
/// with its gzip form, plus `index.html` rewritten so each file it names carries the version of
/// the whole tree (`/assets/<version>/js/main.js`). Every module those URLs import is relative,
/// so the whole front end then loads under one versioned prefix and can be cached for a year; a
/// changed file changes the version, hence every URL. The tree is checked for changes (at most
/// once a second, when a page is asked for), so an edited front end shows on the next reload.
final class AssetCatalog: Sendable {
    struct Snapshot: Sendable {
        /// By URL path: `/js/main.js`; `/index.html` is the rewritten page.
        var assets: [String: StaticAsset] = [:]
        var version = ""
        var stamps: [String: FileStamp] = [:]
    }

    struct FileStamp: Equatable, Sendable {
        let size: Int
        let modified: Date
    }

    /// The first part of a versioned URL: `/assets/<version>/…`.
    static let prefix = "assets"

    let directory: String
    private let snapshot: NIOLockedValueBox<Snapshot>
    private let lastCheck = NIOLockedValueBox(ContinuousClock.now - .seconds(10))

    init(directory: String) {
        self.directory = directory.hasSuffix("/") ? directory : directory + "/"
        snapshot = NIOLockedValueBox(Self.load(self.directory))
    }

    var version: String { snapshot.withLockedValue { $0.version } }

    func asset(at path: String) -> StaticAsset? {
        snapshot.withLockedValue { $0.assets[path] }
    }

    /// The page every screen is served as.
    var page: StaticAsset? { asset(at: "/index.html") }

    /// Reloads the tree if a file was added, removed or changed since it was read, looking at most
    /// once per `interval`. Blocking file I/O: run it on a thread pool, never on an event loop.
    func refreshIfChanged(atMostEvery interval: Duration = .seconds(1)) {
        let due = lastCheck.withLockedValue { last -> Bool in
            guard ContinuousClock.now - last >= interval else { return false }
            last = .now
            return true
        }
        guard due else { return }
        let stamps = Self.stamps(directory)
        guard stamps != snapshot.withLockedValue({ $0.stamps }) else { return }
        let fresh = Self.load(directory)
        snapshot.withLockedValue { $0 = fresh }
    }

    // MARK: Loading

    private static let compressible: Set<String> = ["js", "mjs", "css", "html", "svg", "json", "txt", "map", "webmanifest"]

    private static func load(_ directory: String) -> Snapshot {
        var snapshot = Snapshot()
        snapshot.stamps = stamps(directory)
        var hashes: [String] = []
        var texts: [String: String] = [:]
        for path in snapshot.stamps.keys.sorted() {
            guard let data = FileManager.default.contents(atPath: directory + path.dropFirst()) else { continue }
            let bytes = [UInt8](data)
            let asset = makeAsset(bytes, path: path)
            snapshot.assets[path] = asset
            hashes.append("\(path) \(asset.etag)")
            if path.hasSuffix(".js") || path == "/index.html" { texts[path] = String(decoding: bytes, as: UTF8.self) }
        }
        snapshot.version = String(hexDigest(Array(hashes.joined(separator: "\n").utf8)).prefix(12))
        if let html = texts["/index.html"] {
            let page = PageRewriter(version: snapshot.version, files: Set(snapshot.assets.keys), scripts: texts).rewrite(html)
            snapshot.assets["/index.html"] = makeAsset(Array(page.utf8), path: "/index.html")
        }
        return snapshot
    }

    private static func makeAsset(_ bytes: [UInt8], path: String) -> StaticAsset {
        let ext = path.split(separator: ".").last.map(String.init)?.lowercased() ?? ""
        var gzipped: ByteBuffer?
        // Worth it only where it saves something: tiny files and images gain nothing.
        if compressible.contains(ext), bytes.count > 200, let packed = Gzip.compress(bytes), packed.count < bytes.count * 9 / 10 {
            gzipped = ByteBuffer(bytes: packed)
        }
        return StaticAsset(
            body: ByteBuffer(bytes: bytes), gzipped: gzipped, etag: "W/\"\(hexDigest(bytes).prefix(20))\"",
            contentType: contentType(ext))
    }

    private static func contentType(_ ext: String) -> HTTPMediaType {
        switch ext {
        case "js", "mjs": HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
        case "css": HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        case "html": .html
        default: HTTPMediaType.fileExtension(ext) ?? .binary
        }
    }

    /// Size and modification time of every visible regular file, by URL path.
    private static func stamps(_ directory: String) -> [String: FileStamp] {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: keys,
                options: [.skipsHiddenFiles])
        else { return [:] }
        var stamps: [String: FileStamp] = [:]
        let base = root.standardizedFileURL.path
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(base) else { continue }
            var path = String(full.dropFirst(base.count))
            if !path.hasPrefix("/") { path = "/" + path }
            stamps[path] = FileStamp(size: values.fileSize ?? 0, modified: values.contentModificationDate ?? .distantPast)
        }
        return stamps
    }

    private static func hexDigest(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
