import Vapor

/// Serves `Public/` from memory: gzipped when the browser takes it, a 304 when its copy is current,
/// cached for a year under the versioned prefix (`/assets/<version>/…`) and revalidated elsewhere.
/// Anything that is not a file of the tree goes on to the routes (and the single-page fallback).
struct StaticAssetsMiddleware: AsyncMiddleware {
    let catalog: AssetCatalog

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET || request.method == .HEAD else { return try await next.respond(to: request) }
        let path = request.url.path
        let parts = path.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        // "", "assets", "<version>/js/main.js"
        if parts.count == 3, parts[1] == Substring(AssetCatalog.prefix) {
            let rest = parts[2].split(separator: "/", maxSplits: 1)
            guard rest.count == 2, let asset = catalog.asset(at: "/" + rest[1]) else { throw AppError.notFound }
            // A page from before a change asks for the old version: it gets today's file, not cached for long.
            let current = rest[0] == Substring(catalog.version)
            return asset.response(to: request, cacheControl: current ? StaticAsset.immutable : StaticAsset.revalidate)
        }
        if let asset = catalog.asset(at: path) {
            return asset.response(to: request, cacheControl: StaticAsset.revalidate)
        }
        return try await next.respond(to: request)
    }
}

extension Application {
    private struct AssetCatalogKey: StorageKey {
        typealias Value = AssetCatalog
    }

    /// `Public/` in memory (configure.swift loads it).
    var assets: AssetCatalog {
        get {
            guard let catalog = storage[AssetCatalogKey.self] else { fatalError("configure() loads the asset catalog") }
            return catalog
        }
        set { storage[AssetCatalogKey.self] = newValue }
    }
}
