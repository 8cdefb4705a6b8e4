/// How things move within a tick: paddles at their key's speed, the ball at constant velocity
/// with its contacts found at their exact time. The engine and the keyframe reconstruction share
/// these steps, so both do the very same
/// floating-point operations in the same order and agree bit for bit between paddle contacts.
extension PongSnapshot {
    enum Surface {
        case wall
        case paddle(Side)
    }

    /// A paddle's top edge after one tick of `input`, kept on the court.
    func movedPaddle(_ y: Double, _ input: PaddleInput) -> Double {
        min(max(y + input.direction * Field.paddleSpeed, 0), Field.height - paddleHeight)
    }

    mutating func moveBall(for time: Double) {
        ballX += ballVX * time
        ballY += ballVY * time
    }

    /// The first contact within `limit` of a tick, if any; paddles only when asked (a reconstruction
    /// between keyframes never meets one: the server sends a keyframe at every hit).
    func nextContact(within limit: Double, includingPaddles: Bool) -> (Double, Surface)? {
        let half = Field.ballSize / 2
        var best: (Double, Surface)?
        func consider(_ time: Double, _ surface: Surface) {
            guard time >= 0, time <= limit, time < (best?.0 ?? .infinity) else { return }
            best = (time, surface)
        }
        if ballVY < 0 { consider((half - ballY) / ballVY, .wall) }
        if ballVY > 0 { consider((Field.height - half - ballY) / ballVY, .wall) }
        guard includingPaddles else { return best }
        let side: Side = ballVX < 0 ? .left : .right
        let face = Field.faceX(side)
        let edge = ballVX < 0 ? ballX - half : ballX + half
        // Only a ball still in front of the face can hit it.
        let inFront = ballVX < 0 ? edge >= face : edge <= face
        if ballVX != 0, inFront {
            let time = (face - edge) / ballVX
            let yThen = ballY + ballVY * time
            let top = paddleY(side)
            if yThen + half >= top, yThen - half <= top + paddleHeight {
                consider(time, .paddle(side))
            }
        }
        return best
    }
}
