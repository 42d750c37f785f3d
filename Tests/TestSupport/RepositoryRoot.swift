import Foundation

/// The repository's root folder, found from this file's path: where `sample-data/`, `Reports/` and
/// `Package.swift` are, for the tests of every target.
public let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            return url.path
        }
    }
    fatalError("Package.swift not found above \(#filePath)")
}()
