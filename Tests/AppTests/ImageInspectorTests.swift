import Testing

@testable import App

@Suite struct ImageInspectorTests {
    @Test func readsTypeAndSizeOfEachFormat() {
        let cases: [([UInt8], ImageInspector.Format)] = [
            (ImageBytes.png(width: 640, height: 480), .png),
            (ImageBytes.jpeg(width: 640, height: 480), .jpeg),
            (ImageBytes.gif(width: 640, height: 480), .gif),
            (ImageBytes.webpExtended(width: 640, height: 480), .webp),
            (ImageBytes.webpLossless(width: 640, height: 480), .webp),
            (ImageBytes.webpLossy(width: 640, height: 480), .webp)
        ]
        for (bytes, format) in cases {
            #expect(ImageInspector.inspect(bytes) == .init(format: format, width: 640, height: 480), "\(format)")
        }
    }

    @Test(arguments: [
        Array("<html><script>alert(1)</script></html>".utf8),
        Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8),
        Array("%PDF-1.7".utf8),
        [0x89, 0x50, 0x4E, 0x47],
        []
    ])
    func refusesAnythingElse(bytes: [UInt8]) {
        #expect(ImageInspector.inspect(bytes) == nil)
    }

    @Test func refusesZeroSizedPictures() {
        #expect(ImageInspector.inspect(ImageBytes.png(width: 0, height: 10)) == nil)
    }

    @Test func refusesAWebPThatIsOnlyAHeaderOfZeros() {
        #expect(ImageBytes.zeroWebP.count == 30)
        #expect(ImageInspector.inspect(ImageBytes.zeroWebP) == nil)
        // The magic alone, with every size field zero.
        #expect(ImageInspector.inspect(Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8X".utf8) + Array(repeating: 0, count: 14)) == nil)
    }

    @Test func refusesTruncatedOrInconsistentWebPs() {
        let whole = ImageBytes.webpLossy(width: 64, height: 64)
        #expect(ImageInspector.inspect(Array(whole.dropLast(4))) == nil, "shorter than its RIFF size")
        var interFrame = whole
        interFrame[20] |= 1 // not a key frame
        #expect(ImageInspector.inspect(interFrame) == nil)
        var badVersion = ImageBytes.webpLossless(width: 64, height: 64)
        badVersion[24] |= 0xE0 // a VP8L version other than 0
        #expect(ImageInspector.inspect(badVersion) == nil)
    }
}
