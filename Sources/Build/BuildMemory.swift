import Foundation
import Lessons
import Site

/// What a long-lived process (`descent preview`) keeps between its builds: each lesson's
/// finished work (parsed lesson, results, figure outputs, downloads, problems) and its files
/// (figures and data), under what they were computed from: the lesson file's bytes, the
/// interface strings, and the bytes of every CSV file its experiments read. A build given a
/// memory takes a lesson whose inputs are unchanged from it whole, without parsing, training,
/// drawing or writing its results again; only edited lessons go through the pipeline. The
/// pages are always rendered anew, as navigation joins every lesson.
///
/// Within one process the executable, the renderer and the options are the same from build to
/// build, so they need no part in the key.
public final class BuildMemory: @unchecked Sendable {
    final class Entry: Sendable {
        let source: [UInt8]
        let catalog: StringCatalog
        /// Each CSV dataset's resolved path and bytes when the lesson was built.
        let data: [String: [UInt8]?]
        let work: CourseBuild.Work
        let files: [SiteFile]
        let figureSpecs: [String: String]
        /// A number no other entry of this memory has: the page's `memoryToken`.
        let generation: UInt64

        init(source: [UInt8], catalog: StringCatalog, data: [String: [UInt8]?], work: CourseBuild.Work, files: [SiteFile], figureSpecs: [String: String], generation: UInt64) {
            (self.source, self.catalog, self.data, self.work, self.files, self.figureSpecs, self.generation) = (source, catalog, data, work, files, figureSpecs, generation)
        }
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var generations: UInt64 = 0
    /// The pages made from the remembered lessons.
    let site = SiteMemory()

    public init() {}

    /// The remembered build of the lesson file `file` (as displayed), if `source` is its bytes
    /// and its strings and data files are unchanged.
    func entry(file: String, slug: String, source: [UInt8], catalog: StringCatalog) -> Entry? {
        guard let entry = lock.withLock({ entries[file] }), entry.work.slug == slug, entry.source == source, entry.catalog == catalog,
              entry.data.allSatisfy({ path, bytes in RegularFile.contents(atPath: path).map(Array.init) == bytes })
        else { return nil }
        return entry
    }

    /// The token of the page made from the remembered build of `file`.
    func token(file: String) -> UInt64? {
        lock.withLock { entries[file]?.generation }
    }

    /// Keeps each lesson of `work` that parsed, with its share of `files` and `figureSpecs`;
    /// forgets lessons whose files are not in `lessons`.
    func remember(_ work: [CourseBuild.Work], catalog: StringCatalog, files: [SiteFile], figureSpecs: [String: String], lessons: Set<String>) {
        var kept: [String: Entry] = [:]
        for item in work {
            guard let lesson = item.lesson, let source = item.source else { continue }
            let prefixes = ["figures/\(item.slug)/", "data/\(item.slug)/"]
            func owned(_ path: String) -> Bool { prefixes.contains { path.hasPrefix($0) } }
            var data: [String: [UInt8]?] = [:]
            for spec in lesson.experiments {
                if case let .csv(_, file, _, _)? = spec.data?.source { data[file] = RegularFile.contents(atPath: file).map(Array.init) }
            }
            let generation = lock.withLock { generations += 1; return generations }
            kept[item.file] = Entry(source: source, catalog: catalog, data: data, work: item, files: files.filter { owned($0.path) },
                                    figureSpecs: figureSpecs.filter { owned($0.key) }, generation: generation)
        }
        lock.withLock {
            entries = entries.filter { lessons.contains($0.key) }.merging(kept) { _, new in new }
        }
    }

    /// Adds figures drawn after their lessons were remembered (`BuildOptions.drawsFiguresLater`)
    /// to the entries of those lessons.
    func add(_ drawn: [SiteFile]) {
        lock.withLock {
            for (file, entry) in entries {
                let owned = drawn.filter { $0.path.hasPrefix("figures/\(entry.work.slug)/") }
                guard !owned.isEmpty else { continue }
                entries[file] = Entry(source: entry.source, catalog: entry.catalog, data: entry.data, work: entry.work, files: entry.files + owned,
                                      figureSpecs: entry.figureSpecs, generation: entry.generation)
            }
        }
    }

    /// Forgets the lessons of these files (as displayed), so that the next build makes them anew.
    func forget(_ files: Set<String>) {
        lock.withLock { entries = entries.filter { !files.contains($0.key) } }
    }
}
