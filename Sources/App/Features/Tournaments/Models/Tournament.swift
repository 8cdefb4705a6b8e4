import Fluent
import Foundation

/// A single-elimination tournament: online (invited friends, each match a remote game) or
/// local (aliases taking turns at one keyboard). Lobby → running → finished, or cancelled
/// from the lobby; every change of status is one conditional update, so it happens once.
final class Tournament: Model, @unchecked Sendable {
    static let schema = "tournaments"

    enum Kind: String, Codable, Sendable { case online, local }
    enum Status: String, Codable, Sendable { case lobby, running, finished, cancelled }
    enum Seeding: String, Codable, Sendable, CaseIterable { case rating, random }

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: Kind
    @Field(key: "status") var status: Status
    /// Kept when the creator's account is gone, so the record still says who ran it.
    @Field(key: "creator_name") var creatorName: String
    /// The most players it takes (online); the number of aliases (local).
    @Field(key: "capacity") var capacity: Int
    @Field(key: "points_to_win") var pointsToWin: Int
    @Field(key: "ball_speed") var ballSpeed: String
    @Field(key: "paddle_size") var paddleSize: String
    @Field(key: "rated") var rated: Bool
    @Field(key: "seeding") var seeding: Seeding
    /// Fixed at the start: log2 of the bracket's size.
    @Field(key: "rounds") var rounds: Int
    @OptionalField(key: "winner_participant_id") var winnerParticipantID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "ended_at") var endedAt: Date?

    // relationships
    @OptionalParent(key: "creator_id") var creator: User?
    /// The tournament's chat room (online), opened at the start with every participant.
    @OptionalParent(key: "conversation_id") var conversation: Conversation?

    init() {}
}
