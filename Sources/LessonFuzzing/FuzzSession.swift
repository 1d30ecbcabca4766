import Foundation

/// One case of a fuzz run by its number: generated from the vocabulary or mutated from the
/// corpus, as its own seed decides. The same run seed and number always give the same case.
/// `large: false` leaves out the large specs that only the limits stop, for a quick run.
public func fuzzCase(runSeed: UInt64, index: Int, corpus: [(name: String, bytes: [UInt8])], large: Bool = true) -> FuzzCase {
    let seed = FuzzRandom.caseSeed(runSeed: runSeed, index: index)
    var chooser = FuzzRandom(seed: seed)
    if !corpus.isEmpty && chooser.chance(0.3) {
        var mutator = LessonMutator(seed: seed, corpus: corpus)
        return mutator.mutatedCase()
    }
    var generator = LessonGenerator(seed: seed, large: large)
    return generator.course()
}

/// The course's lessons, the mutator's starting points.
public func readCorpus(_ lessons: URL) -> [(name: String, bytes: [UInt8])] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: lessons.path)) ?? []
    return names.filter { $0.hasSuffix(".md") }.sorted().compactMap { name in
        guard let data = FileManager.default.contents(atPath: lessons.appendingPathComponent(name).path) else { return nil }
        return (name, [UInt8](data))
    }
}
