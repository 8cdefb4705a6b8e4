import Foundation
import Testing

@testable import App

/// The key-change reader is a shortcut past `JSONDecoder`, never a second opinion: whatever it reads,
/// the decoder reads the same, and whatever the decoder refuses, it refuses too.
@Suite struct KeyChangeReaderTests {
    private let decoder = JSONDecoder()

    private func decoded(_ text: String) -> String? {
        (try? decoder.decode(ClientMessage.self, from: Data(text.utf8))).map { String(describing: $0) }
    }

    @Test func theShapesClientsSend_areReadWithoutTheDecoder_andAsTheDecoderReadsThem() {
        let messages = [
            #"{"t":"input","d":{"seq":1,"side":"left","key":"up","tick":42}}"#,
            #"{"t":"input","d":{"seq":17,"side":"right","key":"none"}}"#,
            #"{"t":"input","d":{"key":"down","tick":null,"side":"left","seq":3}}"#,
            #"{"t":"input","d":{"seq":0,"side":"right","key":"down","tick":-5}}"#,
            #"{"t":"input","d":{"seq":999999999999999,"side":"left","key":"up","tick":0}}"#
        ]
        for text in messages {
            let read = ClientMessage.keyChange(text).map { String(describing: $0) }
            #expect(read != nil, "\(text)")
            #expect(read == decoded(text), "\(text)")
        }
    }

    @Test func anythingUnusual_isLeftToTheDecoder() {
        let unusual = [
            #"{"t":"input","d":{"seq":1,"side":"left","key":"up","tick":42} }"#,
            #"{"t":"input","d":{"seq":1.0,"side":"left","key":"up"}}"#,
            #"{"t":"input","d":{"seq":1e2,"side":"left","key":"up"}}"#,
            #"{"t":"input","d":{"seq":01,"side":"left","key":"up"}}"#,
            #"{"t":"input","d":{"seq":1,"seq":2,"side":"left","key":"up"}}"#,
            #"{"t":"input","d":{"seq":1,"side":"left","key":"up","extra":1}}"#,
            #"{"t":"input","d":{"seq":1,"side":"LEFT","key":"up"}}"#,
            #"{"t":"input","d":{"seq":1,"side":"le\u0066t","key":"up"}}"#,
            #"{"t":"input","d":{"seq":99999999999999999999,"side":"left","key":"up"}}"#,
            #"{"t":"input","d":{"seq":1,"side":"left"}}"#,
            #"{"t":"input","d":{"seq":1,"side":"left","key":"up"}}x"#,
            #"{"d":{"seq":1,"side":"left","key":"up"},"t":"input"}"#,
            #"{"t":"ping","d":{"at":1}}"#
        ]
        for text in unusual {
            #expect(ClientMessage.keyChange(text) == nil, "\(text)")
        }
    }

    /// Thousands of one-byte mutations of valid messages: the reader never accepts one the decoder
    /// refuses, nor reads one differently.
    @Test func mutatedMessages_neverReadOtherwiseThanTheDecoderReadsThem() {
        var random = SystemRandomNumberGenerator()
        let seeds = [
            Array(#"{"t":"input","d":{"seq":12,"side":"left","key":"up","tick":420}}"#.utf8),
            Array(#"{"t":"input","d":{"key":"none","side":"right","seq":7}}"#.utf8)
        ]
        let alphabet = Array(#"{}[]":,-0123456789.eEnulltrfasdkiqpgwh \"#.utf8)
        var readByBoth = 0
        for _ in 0..<20_000 {
            var bytes = seeds.randomElement(using: &random)!
            for _ in 0...Int.random(in: 0...2, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0...2, using: &random) {
                case 0: bytes[index] = alphabet.randomElement(using: &random)!
                case 1: bytes.remove(at: index)
                default: bytes.insert(alphabet.randomElement(using: &random)!, at: index)
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            guard let read = ClientMessage.keyChange(text) else { continue }
            #expect(String(describing: read) == decoded(text), "\(text)")
            readByBoth += 1
        }
        // Some mutations stay valid (a digit for a digit): the comparison above was not vacuous.
        #expect(readByBoth > 100)
    }
}
