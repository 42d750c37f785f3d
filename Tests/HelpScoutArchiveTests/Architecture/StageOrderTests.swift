import Foundation
import Testing

/// Data flows one way through the library's folders: a file may name the types of its own folder
/// and of the folders before it, never those of a later one (docs/architecture.md).
@Suite struct StageOrderTests {
    /// The shared foundations first, then the stages in the order a line goes through them.
    static let order = [
        "Text", "Kernels", "Time", "JSON", "Reading", "Decoding", "Verification", "Analytics",
        "Reporting", "Pipeline",
    ]
    static let library = Fixtures.repositoryRoot + "/Sources/HelpScoutArchive"

    /// The Swift files of a folder, as code without comments and string literals.
    static func code(in folder: String) -> [(file: String, text: String)] {
        let path = library + "/" + folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".swift") }.sorted().map { name in
            let text = (try? String(contentsOfFile: path + "/" + name, encoding: .utf8)) ?? ""
            let code = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                let withoutStrings = line.replacing(/"([^"\\]|\\.)*"/, with: "\"\"")
                return withoutStrings.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            }
            return (folder + "/" + name, code.joined(separator: "\n"))
        }
    }

    /// The top-level types a folder declares.
    static func types(in folder: String) -> Set<String> {
        var names = Set<String>()
        let declaration =
            /(?m)^(?:(?:public|package|private|fileprivate|final)\s+)*(?:struct|enum|class|protocol|typealias|actor)\s+([A-Z][A-Za-z0-9]*)/
        for file in code(in: folder) {
            for match in file.text.matches(of: declaration) { names.insert(String(match.output.1)) }
        }
        return names
    }

    @Test func everyFolderOfTheLibraryHasItsPlaceInTheOrder() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.library).filter { !$0.hasPrefix(".") }
        #expect(
            Set(folders) == Set(Self.order),
            "a new folder needs its place in StageOrderTests.order and docs/architecture.md")
    }

    @Test func noFolderNamesATypeOfALaterOne() {
        let declared = Self.order.map(Self.types(in:))
        // Every stage declares types (Text/ holds only extensions), so the test has something to check.
        #expect(declared.dropFirst().allSatisfy { !$0.isEmpty })
        for (index, folder) in Self.order.enumerated() {
            let later = declared[(index + 1)...].reduce(into: Set<String>()) { $0.formUnion($1) }
            for file in Self.code(in: folder) {
                let named = Set(file.text.matches(of: /\b[A-Z][A-Za-z0-9]*\b/).map { String($0.output) })
                let backwards = named.intersection(later).sorted()
                #expect(backwards.isEmpty, "\(file.file) names \(backwards), declared in a later folder")
            }
        }
    }
}
