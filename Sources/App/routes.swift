import Vapor

func routes(_ app: Application) throws {
    let api = app.grouped("api")
    try api.register(collection: HealthController())
    try api.register(collection: OpenAPIController(document: OpenAPIController.loadDocument()))

    let withSession = api.grouped(SessionAuthenticator())
    try withSession.register(collection: AuthController())
    try withSession.register(collection: UsersController())
    try withSession.register(collection: SessionsController())
    try withSession.register(collection: MeController())
    try withSession.register(collection: AvatarController())
    try withSession.register(collection: TwoFactorLoginController())
    try withSession.register(collection: TwoFactorSettingsController())
    try withSession.register(collection: PasswordResetController())
    try withSession.register(collection: EmailConfirmationController())
    try withSession.register(collection: GameSettingsController())
    try withSession.register(collection: GamesController())
    try withSession.register(collection: VisitorGamesController())
    try withSession.register(collection: MatchesController())
    try withSession.register(collection: FriendsController())
    try withSession.register(collection: BlocksController())
    try withSession.register(collection: ChatController())
    try withSession.register(collection: NotificationsController())
    try withSession.register(collection: StatsController())
    try withSession.register(collection: LiveFiguresController())
    try withSession.register(collection: InvitationsController())
    try withSession.register(collection: QuickMatchController())
    try withSession.register(collection: TournamentsController())
    try withSession.register(collection: RealtimeController(limits: .init(frames: .init(pingInterval: app.config.socketPingInterval))))

    SinglePageFallback(catalog: app.assets).register(on: app)
}
