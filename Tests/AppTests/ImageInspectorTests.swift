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
            (ImageBytes.webpLossy(width: 640, height: 480), .webp),
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
        [],
    ])
    func refusesAnythingElse(bytes: [UInt8]) {
        #expect(ImageInspector.inspect(bytes) == nil)
    }

    @Test func refusesZeroSizedPictures() {
        #expect(ImageInspector.inspect(ImageBytes.png(width: 0, height: 10)) == nil)
    }
}
