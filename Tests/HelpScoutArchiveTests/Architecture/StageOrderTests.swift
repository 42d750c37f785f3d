import Foundation
import Testing

/// Data flows one way through the library's folders: a file may name the types of its own folder
/// and of the folders before it, never those of a later one (docs/architecture.md).
@Suite struct StageOrderTests {
    /// The shared foundations first, then the stages in the order a line goes through them.
    static let order = [
        "Text", "Kernels", "Time", "JSON", "Reading", "Decoding", "Verification", "Analytics",
        "Reporting", "Pipeline", "Partials",
    ]
    static let library = Fixtures.repositoryRoot + "/Sources/HelpScoutArchive"

    /// The Swift files of a folder, as code without comments and string literals, and with the
    /// indentation swift-format gives to the body of a top-level `#if` taken away.
    static func code(in folder: String) -> [(file: String, text: String)] {
        let path = library + "/" + folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".swift") }.sorted().map { name in
            let text = (try? String(contentsOfFile: path + "/" + name, encoding: .utf8)) ?? ""
            var conditionalDepth = 0
            let code = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
                if line.hasPrefix("#if") { conditionalDepth += 1 }
                if line.hasPrefix("#endif") { conditionalDepth -= 1 }
                var line = line
                for _ in 0..<(4 * conditionalDepth) where line.first == " " { line = line.dropFirst() }
                let withoutStrings = line.replacing(/"([^"\\]|\\.)*"/, with: "\"\"")
                return withoutStrings.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            }
            return (folder + "/" + name, code.joined(separator: "\n"))
        }
    }

    /// The names a folder declares at the top level: types, and free functions (as `name(`).
    static func types(in folder: String) -> Set<String> {
        var names = Set<String>()
        let modifiers = #"(?:(?:public|package|internal|private|fileprivate|final|indirect)\s+)*"#
        let type = try! Regex(#"(?m)^"# + modifiers + #"(?:struct|enum|class|protocol|typealias|actor)\s+([A-Z]\w*)"#)
        let function = try! Regex(#"(?m)^"# + modifiers + #"func\s+([a-z]\w*)"#)
        for file in code(in: folder) {
            for match in file.text.matches(of: type) { names.insert(String(match.output[1].substring!)) }
            for match in file.text.matches(of: function) { names.insert(String(match.output[1].substring!) + "(") }
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
        // Every stage declares types (Text/ holds only extensions), so the test has something to check;
        // a type inside `#if` and a free function count too.
        #expect(declared.dropFirst().allSatisfy { !$0.isEmpty })
        #expect(declared[Self.order.firstIndex(of: "Reading")!].contains("ISALMemberDecoder"))
        #expect(declared[Self.order.firstIndex(of: "Reporting")!].contains("decimal("))
        for (index, folder) in Self.order.enumerated() {
            let later = declared[(index + 1)...].reduce(into: Set<String>()) { $0.formUnion($1) }
            for file in Self.code(in: folder) {
                var named = Set<String>()
                for match in file.text.matches(of: /\b([A-Za-z]\w*)\b(\()?/) {
                    named.insert(String(match.output.1))
                    if match.output.2 != nil { named.insert(String(match.output.1) + "(") }
                }
                let backwards = named.intersection(later).sorted()
                #expect(backwards.isEmpty, "\(file.file) names \(backwards), declared in a later folder")
            }
        }
    }
}
