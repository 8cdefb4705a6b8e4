/// How a match is won. Classic Pong: first to `pointsToWin`, from 1 to 21, 5 by default.
/// The game engine (issue 4) plays by these rules; the server validates player settings with them.
public struct MatchRules: Sendable, Equatable, Codable {
    public static let pointsToWinRange = 1...21
    public static let standard = MatchRules(uncheckedPointsToWin: 5)

    public let pointsToWin: Int

    /// Nil when `pointsToWin` is outside `pointsToWinRange`.
    public init?(pointsToWin: Int) {
        guard Self.pointsToWinRange.contains(pointsToWin) else { return nil }
        self.pointsToWin = pointsToWin
    }

    private init(uncheckedPointsToWin: Int) {
        self.pointsToWin = uncheckedPointsToWin
    }

    /// The winner's side once a score ends the match, nil while it goes on.
    public func winner(left: Int, right: Int) -> Side? {
        if left >= pointsToWin { return .left }
        if right >= pointsToWin { return .right }
        return nil
    }
}

public enum Side: String, Sendable, Codable, CaseIterable {
    case left, right
}
