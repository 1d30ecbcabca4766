/// Percentiles of a buffer, found in place without allocating (the trainer calls this at every
/// recorded step).
///
/// The q-th percentile interpolates linearly between the order statistics around position
/// q·(n − 1), as NumPy's `percentile` does by default: of [1, 2, 3, 4] the 10th is 1.3.
public enum Percentile {
    /// The 10th, 50th and 90th percentiles of `values`, which are reordered. NaNs sort last.
    public static func band(_ values: UnsafeMutableBufferPointer<Double>) -> (low: Double, median: Double, high: Double) {
        (percentile(10, of: values), percentile(50, of: values), percentile(90, of: values))
    }

    /// The `percent`-th percentile of `values` (reordered); NaN for an empty buffer.
    public static func percentile(_ percent: Double, of values: UnsafeMutableBufferPointer<Double>) -> Double {
        let count = values.count
        guard count > 0 else { return .nan }
        let position = percent / 100 * Double(count - 1)
        let lower = min(count - 1, max(0, Int(position.rounded(.down))))
        let fraction = position - Double(lower)
        let below = select(lower, in: values)
        guard fraction > 0, lower + 1 < count else { return below }
        // After selection every value past `lower` is at least `below`: the next order
        // statistic is the smallest of them.
        var above = values[lower + 1]
        for index in (lower + 2)..<count where precedes(values[index], above) { above = values[index] }
        return below + (above - below) * fraction
    }

    /// Order with NaN after every number, so that a NaN never lands in the middle of a band silently.
    @inline(__always)
    static func precedes(_ a: Double, _ b: Double) -> Bool {
        a < b || (!a.isNaN && b.isNaN)
    }

    /// Hoare's quickselect: puts the `k`-th smallest value at index `k`, smaller ones before
    /// it and larger ones after, and returns it.
    static func select(_ k: Int, in values: UnsafeMutableBufferPointer<Double>) -> Double {
        var low = 0
        var high = values.count - 1
        while low < high {
            // Median of three as the pivot keeps sorted input from the quadratic case.
            let middle = low + (high - low) / 2
            if precedes(values[middle], values[low]) { values.swapAt(middle, low) }
            if precedes(values[high], values[low]) { values.swapAt(high, low) }
            if precedes(values[high], values[middle]) { values.swapAt(high, middle) }
            let pivot = values[middle]
            var i = low
            var j = high
            while i <= j {
                while precedes(values[i], pivot) { i += 1 }
                while precedes(pivot, values[j]) { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { break }
        }
        return values[k]
    }
}
