import Fluent
import PongCore
import QRCode
import SQLKit
import Vapor

/// Challenge links: a player makes an open challenge with rules and gets a link to paste anywhere;
/// the first signed-in player to open it and accept plays them. The link is 256 random bits, kept
/// only as its SHA-256; it ends at its first acceptance, its cancellation or after 30 minutes. An
/// acceptance is one conditional `UPDATE … WHERE status = 'open'`, so of many players accepting at
/// once exactly one gets the game. Whoever blocked the creator, or was blocked by them, finds
/// nothing there — the same answer as an unknown, expired, used or cancelled link.
struct ChallengeService {
    static let openPerCreator = 3
    static let createdPerCreator = RateLimiter.Rule(limit: 20, window: 600)

    let db: any Database
    let users: ConnectedUsers
    let games: GameHub
    let clock: AppClock
    let eventLoop: any EventLoop
    let limiter: RateLimiter
    let baseURL: String

    func create(_ request: CreateChallengeRequest, by me: User) async throws -> MyChallengeDTO {
        let meID = try me.requireID()
        try await Playbans.refuseWhileBanned(meID, at: clock.now, on: db)
        let stored = try await GameSettingsRecord.settings(of: meID, on: db)
        let points = request.pointsToWin ?? stored.pointsToWin
        guard MatchRules(pointsToWin: points) != nil else {
            throw AppError.field(
                "pointsToWin",
                "Choose between \(MatchRules.pointsToWinRange.lowerBound) and \(MatchRules.pointsToWinRange.upperBound) points.")
        }
        try FairRatingRules.requireFitForRating(pointsToWin: points, rated: request.rated ?? false)
        let rules = InvitationRules(
            pointsToWin: points, ballSpeed: request.ballSpeed ?? stored.ballSpeed,
            paddleSize: request.paddleSize ?? stored.paddleSize, rated: request.rated ?? false)
        _ = try await limiter.reserve([("challenges:creator:\(meID)", Self.createdPerCreator)])
        let token = SessionToken.generate()
        let now = clock.now
        let challenge = Challenge(creator: meID, tokenHash: SessionToken.hash(token), rules: rules, at: now)
        try await db.transaction { tx in
            // The open-challenge limit, checked and kept as one step per creator.
            try await RowLock.lock(User.schema, id: meID, touching: "username", in: tx)
            let open = try await Challenge.query(on: tx).filter(\.$creator.$id == meID).filter(\.$status == .open)
                .filter(\.$expiresAt > now).count()
            guard open < Self.openPerCreator else { throw AppError.tooManyChallenges }
            try await challenge.create(on: tx)
        }
        return try mine(challenge, token: token)
    }

    /// The challenge behind a link, as the one who opened it sees it.
    func show(token: String, to me: User) async throws -> ChallengeDTO {
        let challenge = try await find(token: token, for: try me.requireID())
        return ChallengeDTO(
            id: try challenge.requireID(), from: UserSummaryDTO(challenge.creator), rules: challenge.rules,
            expiresAt: challenge.expiresAt, game: nil)
    }

    /// Accepts the challenge behind a link: the game starts and both are told where it is.
    func accept(token: String, by me: User) async throws -> ChallengeDTO {
        let meID = try me.requireID()
        try await Playbans.refuseWhileBanned(meID, at: clock.now, on: db)
        let challenge = try await find(token: token, for: meID)
        let id = try challenge.requireID()
        let creator = challenge.creator
        let creatorID = try creator.requireID()
        guard creatorID != meID else { throw AppError.ownChallenge }
        guard users.presence(of: creatorID) != .offline else { throw AppError.challengerAway }
        if try await games.isInRemoteGame(meID, on: db) { throw AppError.youAreInAGame }
        if try await games.isInRemoteGame(creatorID, on: db) {
            // Busy with this very link's game, taken a moment ago by someone else: the link is used up.
            if try await Challenge.query(on: db).filter(\.$id == id).filter(\.$status == .open).first() == nil {
                throw AppError.challengeNotFound
            }
            throw AppError.busy(creator.username)
        }
        // Of many acceptances at once, one changes the row; the others find it taken.
        let won = try await db.sql.update(Challenge.schema)
            .set("status", to: Challenge.Status.accepted.rawValue).set("accepted_by", to: meID)
            .where("id", .equal, id).where("status", .equal, Challenge.Status.open.rawValue)
            .where("expires_at", .greaterThan, clock.now)
            .returning("id").all()
        guard !won.isEmpty else { throw AppError.challengeNotFound }
        let setup = try await gameSetup(challenge, creator: creator, accepter: me)
        do {
            _ = try await games.start(setup, on: eventLoop, db: db)
        } catch {
            // One of them started another game meanwhile: the challenge is open again for anyone.
            try await Challenge.query(on: db).filter(\.$id == id).set(\.$status, to: .open).set(\.$acceptedBy.$id, to: nil).update()
            if let busy = error as? PlayerInAnotherGame {
                throw busy.userID == meID ? AppError.youAreInAGame : AppError.busy(creator.username)
            }
            throw error
        }
        try await Challenge.query(on: db).filter(\.$id == id).set(\.$gameID, to: setup.id).update()
        users.send(to: [creatorID], .challenge(ChallengeEventDTO(id: id, change: .accepted, by: me.username, game: setup.id)))
        return ChallengeDTO(
            id: id, from: UserSummaryDTO(creator), rules: challenge.rules, expiresAt: challenge.expiresAt, game: setup.id)
    }

    /// The one who opened the link says no: the creator hears it; the link stays open for others.
    func decline(token: String, by me: User) async throws {
        let challenge = try await find(token: token, for: try me.requireID())
        guard challenge.$creator.id != (try me.requireID()) else { throw AppError.ownChallenge }
        users.send(
            to: [challenge.$creator.id],
            .challenge(ChallengeEventDTO(id: try challenge.requireID(), change: .declined, by: me.username, game: nil)))
    }

    /// The creator takes it back: the link leads nowhere from now on.
    func cancel(_ id: UUID, by me: User) async throws {
        let meID = try me.requireID()
        let cancelled = try await db.sql.update(Challenge.schema)
            .set("status", to: Challenge.Status.cancelled.rawValue)
            .where("id", .equal, id).where("creator_id", .equal, meID)
            .where("status", .equal, Challenge.Status.open.rawValue)
            .returning("id").all()
        guard !cancelled.isEmpty else { throw AppError.challengeNotFound }
        users.send(to: [meID], .challenge(ChallengeEventDTO(id: id, change: .cancelled, by: nil, game: nil)))
    }

    /// An open challenge behind `token` that `viewer` may see, or 404 whatever the reason.
    private func find(token: String, for viewer: UUID) async throws -> Challenge {
        guard token.count <= 64, token.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
            let challenge = try await Challenge.query(on: db).filter(\.$tokenHash == SessionToken.hash(token))
                .with(\.$creator).first(),
            challenge.status == .open, challenge.expiresAt > clock.now,
            try await !Block.existsBetween(challenge.$creator.id, viewer, on: db)
        else { throw AppError.challengeNotFound }
        return challenge
    }

    private func mine(_ challenge: Challenge, token: String) throws -> MyChallengeDTO {
        let path = "/challenge/\(token)"
        let url = baseURL + path
        return MyChallengeDTO(
            id: try challenge.requireID(), path: path, url: url,
            qrSVG: try QRCode(text: url).svg(moduleSize: 5, title: "QR code of the challenge link"),
            rules: challenge.rules, status: challenge.status, expiresAt: challenge.expiresAt, game: challenge.gameID)
    }

    /// The creator on the left (they serve first), each in their own look.
    private func gameSetup(_ challenge: Challenge, creator: User, accepter: User) async throws -> GameSetup {
        let creatorID = try creator.requireID(), accepterID = try accepter.requireID()
        var settings = try await GameSettingsRecord.settings(of: creatorID, on: db)
        let rules = challenge.rules
        settings.pointsToWin = rules.pointsToWin
        settings.ballSpeed = rules.ballSpeed
        settings.paddleSize = rules.paddleSize
        let accepterLook = try await GameSettingsRecord.settings(of: accepterID, on: db).look
        return .remote(
            left: (creatorID, creator.username, settings.look), right: (accepterID, accepter.username, accepterLook),
            settings: settings, rated: rules.rated, at: clock.now)
    }
}

extension Application {
    func challenges(on db: any Database) -> ChallengeService {
        ChallengeService(
            db: db, users: connectedUsers, games: games, clock: clock, eventLoop: eventLoopGroup.any(), limiter: rateLimiter,
            baseURL: config.baseURL)
    }
}

extension Request {
    var challenges: ChallengeService { application.challenges(on: db) }
}
