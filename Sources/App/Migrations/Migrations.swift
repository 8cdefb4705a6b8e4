import Fluent
import Vapor

enum Migrations {
    /// In order, forever: a shipped migration is never edited, only followed by a new one. Table
    /// names are literals, so renaming a model never silently changes what an old migration did.
    static func register(on app: Application) {
        app.migrations.add(CreateUsers())
        app.migrations.add(CreateUserSessions())
        app.migrations.add(AddSecurityFieldsToUsers())
        app.migrations.add(CreateLoginChallenges())
        app.migrations.add(CreateTOTPCredentials())
        app.migrations.add(CreateRecoveryCodes())
        app.migrations.add(CreateEmailTokens())
        app.migrations.add(CreateGameSettings())
        app.migrations.add(CreateMatches())
        app.migrations.add(CreateFriendships())
        app.migrations.add(CreateChat())
        app.migrations.add(CreateNotifications())
        app.migrations.add(CreateRemotePlay())
        app.migrations.add(AddMatchDuration())
        app.migrations.add(CreateTournaments())
        app.migrations.add(KeepMatchesOfDeletedHosts())
        app.migrations.add(CreatePlayerStatistics())
        app.migrations.add(CreatePlayerClaims())
        app.migrations.add(CreateSignupChallenges())
        app.migrations.add(AddRatingsAfterToMatches())
        app.migrations.add(ReorderLeaderboardIndex())
        app.migrations.add(CreateBusPayloads())
        app.migrations.add(AddClientKeyToChatMessages())
        app.migrations.add(AddGameOwnership())
        app.migrations.add(CreateRateLimitHits())
        app.migrations.add(CreateSocketTabs())
        app.migrations.add(CreateQueueEntries())
        app.migrations.add(AddInstanceAddress())
        app.migrations.add(CreateGameCheckpoints())
        app.migrations.add(CreateLiveGames())
        app.migrations.add(CreateMatchReplays())
        app.migrations.add(CreateRematchOffers())
        app.migrations.add(AddSoundVolumeToGameSettings())
        app.migrations.add(CreateChallenges())
        app.migrations.add(AddFairPlayToRatings())
        app.migrations.add(CreatePlaybans())
        app.migrations.add(CreateModeration())
        app.migrations.add(AddLanguageToUsers())
    }
}
