/// The nearest spelling among `candidates`, when it is close enough to be a likely typo:
/// within a third of the word's length (at least one edit), and never a whole one-letter word.
/// Among equally near candidates the first wins.
///
/// A model can have millions of parameter names, so a candidate whose length alone puts it
/// out of reach is skipped, and a distance is computed only as far as it can still win.
func nearest(to word: String, in candidates: [String]) -> String? {
    let target = Array(word.lowercased())
    let reach = min(max(1, target.count / 3), target.count - 1)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let bound = min(reach, (best?.distance ?? Int.max) - 1)
        // A character is 1 to 4 bytes: a byte count out of this range means a length out of reach.
        let bytes = candidate.utf8.count
        guard bound >= 0, bytes >= target.count - bound, bytes <= 4 * (target.count + bound) else { continue }
        let other = Array(candidate.lowercased())
        guard abs(other.count - target.count) <= bound,
              let distance = editDistance(target, other, atMost: bound) else { continue }
        best = (candidate, distance)
    }
    return best?.candidate
}

/// `editDistance(_:_:)` when it is at most `limit`, nil otherwise, computed row by row and
/// given up once no later row can come back within the limit.
func editDistance(_ a: [Character], _ b: [Character], atMost limit: Int) -> Int? {
    guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    // The smallest entries of the last two rows. A row's entries come from the row before (+0
    // or +1), their left neighbour (+1) or, for a swap, the row two before (+1); so once both
    // exceed the limit (the older by at least two), every later row does too.
    var smallestBefore = Int.max - 1, smallest = 0
    for i in 1...a.count {
        current[0] = i
        var rowSmallest = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                value = min(value, beforePrevious[j - 2] + 1)
            }
            current[j] = value
            rowSmallest = min(rowSmallest, value)
        }
        (smallestBefore, smallest) = (smallest, rowSmallest)
        if smallest > limit, smallestBefore + 1 > limit { return nil }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count] <= limit ? previous[b.count] : nil
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
/// neighbouring characters (`dg` → `gd`) each count one.
func editDistance(_ a: String, _ b: String) -> Int {
    editDistance(Array(a), Array(b), atMost: Int.max) ?? Int.max
}
