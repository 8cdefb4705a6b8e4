import Vapor

/// Any path that is not an API call or a file is a screen of the single-page
/// app: answer with `index.html` so deep links and reloads work. Paths that
/// look like files (a dot in the last part, or any dot-folder such as `/.git`)
/// stay 404, so nothing hidden is ever served as a page.
struct SinglePageFallback: Sendable {
    let indexPath: String

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
        let response = try await req.fileio.asyncStreamFile(at: indexPath)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        return response
    }
}
