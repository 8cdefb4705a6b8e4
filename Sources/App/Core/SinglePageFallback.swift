import Vapor

/// Any path that is not an API call or a file is a screen of the single-page
/// app: answer with `index.html` so deep links and reloads work. Paths that
/// look like files (a dot in the last part, or any dot-folder such as `/.git`)
/// stay 404, so nothing hidden is ever served as a page.
struct SinglePageFallback: Sendable {
    let catalog: AssetCatalog

    func register(on app: Application) {
        app.get(use: serve)
        app.get(.catchall, use: serve)
    }

    @Sendable func serve(req: Request) async throws -> Response {
        let parts = req.url.path.split(separator: "/")
        let isAPI = parts.first == "api"
        let looksLikeFile = parts.last?.contains(".") ?? false
        let hasDotFolder = parts.contains { $0.hasPrefix(".") }
        guard !isAPI, !looksLikeFile, !hasDotFolder else { throw AppError.notFound }
        // A new page is when a changed front end shows (its URLs carry the new version).
        try await req.application.threadPool.runIfActive { catalog.refreshIfChanged() }
        guard let page = catalog.page else { throw AppError.notFound }
        // Revalidated every time: the page names the versions of everything else.
        return page.response(to: req, cacheControl: StaticAsset.revalidate)
    }
}
