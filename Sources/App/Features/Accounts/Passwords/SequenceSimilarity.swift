/// Ratcliff/Obershelp similarity (what Python's `difflib.SequenceMatcher.ratio`
/// computes, and what Django's similarity validator uses): twice the matched
/// characters over the total length, from 0 (nothing shared) to 1 (equal).
enum SequenceSimilarity {
    static func ratio(_ a: [Character], _ b: [Character]) -> Double {
        let total = a.count + b.count
        guard total > 0 else { return 1 }
        return 2 * Double(matchingCount(a[...], b[...])) / Double(total)
    }

    private static func matchingCount(_ a: ArraySlice<Character>, _ b: ArraySlice<Character>) -> Int {
        guard let match = longestCommonRun(a, b), match.length > 0 else { return 0 }
        let left = matchingCount(a[a.startIndex..<match.a], b[b.startIndex..<match.b])
        let right = matchingCount(a[(match.a + match.length)...], b[(match.b + match.length)...])
        return match.length + left + right
    }

    private static func longestCommonRun(
        _ a: ArraySlice<Character>, _ b: ArraySlice<Character>
    ) -> (a: Int, b: Int, length: Int)? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        var best = (a: a.startIndex, b: b.startIndex, length: 0)
        // Run lengths ending at the previous row's positions in b.
        var previous = [Int](repeating: 0, count: b.count + 1)
        for i in a.indices {
            var current = [Int](repeating: 0, count: b.count + 1)
            for (offset, j) in b.indices.enumerated() where a[i] == b[j] {
                current[offset + 1] = previous[offset] + 1
                if current[offset + 1] > best.length {
                    best = (a: i - current[offset + 1] + 1, b: j - current[offset + 1] + 1, length: current[offset + 1])
                }
            }
            previous = current
        }
        return best
    }
}
