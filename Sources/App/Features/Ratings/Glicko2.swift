import Foundation

/// Glicko-2 (Glickman, "Example of the Glicko-2 system", 2012): a rating, how sure we are of it
/// (the deviation) and how erratic the player is (the volatility). Each rated game is one
/// rating period, so a rating moves after every game, not at the end of a season.
enum Glicko2 {
    struct Rating: Equatable, Sendable, Codable {
        var rating: Double
        var deviation: Double
        var volatility: Double

        /// A new player: an average rating we are very unsure of.
        static let newPlayer = Rating(rating: 1500, deviation: 350, volatility: 0.06)
    }

    /// One game's result against one opponent: 1 won, 0 lost, 0.5 drawn.
    struct Result: Sendable {
        let opponent: Rating
        let score: Double
    }

    /// The system constant: how much volatility may change (Glickman suggests 0.3 to 1.2).
    static let tau = 0.5
    private static let scale = 173.7178
    private static let tolerance = 0.000001

    /// The player's rating after `results`, all in one rating period.
    static func updated(_ player: Rating, after results: [Result]) -> Rating {
        let mu = (player.rating - 1500) / scale
        let phi = player.deviation / scale
        guard !results.isEmpty else {
            // No games: only the deviation grows.
            return Rating(
                rating: player.rating, deviation: min(350, (phi * phi + player.volatility * player.volatility).squareRoot() * scale),
                volatility: player.volatility)
        }
        var inverseVariance = 0.0
        var improvementSum = 0.0
        for result in results {
            let opponentMu = (result.opponent.rating - 1500) / scale
            let opponentPhi = result.opponent.deviation / scale
            let weight = g(opponentPhi)
            let expected = 1 / (1 + exp(-weight * (mu - opponentMu)))
            inverseVariance += weight * weight * expected * (1 - expected)
            improvementSum += weight * (result.score - expected)
        }
        let variance = 1 / inverseVariance
        let delta = variance * improvementSum
        let sigma = newVolatility(sigma: player.volatility, phi: phi, variance: variance, delta: delta)
        let phiStar = (phi * phi + sigma * sigma).squareRoot()
        let newPhi = 1 / (1 / (phiStar * phiStar) + 1 / variance).squareRoot()
        let newMu = mu + newPhi * newPhi * improvementSum
        return Rating(rating: newMu * scale + 1500, deviation: newPhi * scale, volatility: sigma)
    }

    private static func g(_ phi: Double) -> Double {
        1 / (1 + 3 * phi * phi / (Double.pi * Double.pi)).squareRoot()
    }

    /// Step 5 of the paper: the Illinois variant of regula falsi on f(x) = 0.
    private static func newVolatility(sigma: Double, phi: Double, variance: Double, delta: Double) -> Double {
        let a = log(sigma * sigma)
        func f(_ x: Double) -> Double {
            let ex = exp(x)
            let denominator = phi * phi + variance + ex
            return ex * (delta * delta - phi * phi - variance - ex) / (2 * denominator * denominator) - (x - a) / (tau * tau)
        }
        var lower = a
        var upper: Double
        if delta * delta > phi * phi + variance {
            upper = log(delta * delta - phi * phi - variance)
        } else {
            var k = 1.0
            while f(a - k * tau) < 0 { k += 1 }
            upper = a - k * tau
        }
        var fLower = f(lower), fUpper = f(upper)
        var iterations = 0
        while abs(upper - lower) > tolerance, iterations < 100 {
            let candidate = lower + (lower - upper) * fLower / (fUpper - fLower)
            let fCandidate = f(candidate)
            if fCandidate * fUpper <= 0 {
                lower = upper
                fLower = fUpper
            } else {
                fLower /= 2
            }
            upper = candidate
            fUpper = fCandidate
            iterations += 1
        }
        return exp(lower / 2)
    }
}
