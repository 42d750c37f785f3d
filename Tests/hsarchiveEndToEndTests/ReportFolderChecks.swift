import Foundation
import TestSupport
import Testing

/// What the report-folder suites share: a secret, a first report to protect, and looks at a folder.
protocol ReportFolderChecks {}

extension ReportFolderChecks {
    var secret: String { "folder-secret" }
    var environment: [String: String] { ["HELPSCOUT_WEBHOOK_SECRET": secret] }
    var manager: FileManager { FileManager.default }

    func contents(_ folder: String) -> [String] { ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).sorted() }

    /// Every file in the folder and its subfolders (`charts/volume.svg`), with its bytes.
    func snapshot(_ folder: String) -> [String: Data] {
        let files = ((try? manager.subpathsOfDirectory(atPath: folder)) ?? []).filter { path in
            var isFolder: ObjCBool = false
            return manager.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder) && !isFolder.boolValue
        }
        return Dictionary(
            uniqueKeysWithValues: files.map {
                ($0, (try? Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))) ?? Data())
            })
    }

    /// The folder's files except `summary.json`, whose times differ from run to run: what two runs
    /// on the same inputs must write byte for byte.
    func reportFiles(_ folder: String) -> [String: Data] {
        snapshot(folder).filter { $0.key != "summary.json" }
    }

    func leftovers(in folder: String) -> [String] {
        contents(folder).filter { $0.contains("partial-") || $0.contains(".previous-") }
    }

    /// The test's temporary folder with a clean archive and a first report of it in `Reports/`, and
    /// that report's files.
    func previousReport() throws -> (root: String, archive: String, out: String, previous: [String: Data]) {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        let out = root + "/Reports"
        #expect(try HSArchiveRunner.run(["report", archive, "--out", out], environment: environment).status == 0)
        return (root, archive, out, snapshot(out))
    }

}

/// A flag one thread sets and another reads.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// What a reader saw of the report folder while runs replaced it.
final class Glimpses: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var total = 0
    private(set) var partial = 0
    func count(whole: Bool) {
        lock.withLock {
            total += 1
            if !whole { partial += 1 }
        }
    }
}

/// How a spawned run ended (`waitpid`'s status).
final class Outcome: @unchecked Sendable {
    var status: Int32 = 0
}
