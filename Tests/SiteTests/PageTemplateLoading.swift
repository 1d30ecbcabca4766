import Foundation
import TestSupport
@testable import Site

/// Loads `page` as `lessons/_templates/page.mustache` of a temporary course: the error's
/// description, or nil when the template loads.
func pageTemplateError(_ page: String) throws -> String? {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write(page, to: "lessons/_templates/page.mustache")
    do {
        _ = try Templates.load(from: folder.url.appendingPathComponent("lessons/_templates"), displayDirectory: "lessons/_templates")
        return nil
    } catch {
        return error.description
    }
}
