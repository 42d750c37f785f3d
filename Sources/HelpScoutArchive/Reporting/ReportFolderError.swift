/// Why a report folder cannot be written or replaced; each message names the folder, says what is
/// wrong and what to do.
package enum ReportFolderError: Error, Sendable, Equatable {
    case notAFolder(String)
    case danglingLink(String, target: String)
    /// The folder holds files hsarchive did not write (some of their names, and how many there are).
    case notAReport(String, foreign: [String], count: Int)
    case holdsInput(String, input: String)
    case holdsWorkingDirectory(String)
    case cannotList(String, reason: String)
    case cannotCreate(String, reason: String)
    case notWritable(String, reason: String)
    case cannotLock(String, reason: String)
    case changedDuringRun(String, foreign: [String])
    case cannotReplace(String, reason: String)
    /// A mount point's files were being replaced one by one when one could not be.
    case partlyReplaced(String, reason: String)

    /// Whether the previous report is as it was after this error (the staged one discarded).
    package var keptPreviousReport: Bool {
        if case .partlyReplaced = self { return false }
        return true
    }

    package var message: String {
        switch self {
        case .notAFolder(let folder):
            return "--out \(folder) exists and is not a folder; give a folder for the report"
        case .danglingLink(let folder, let target):
            return
                "--out \(folder) is a symbolic link to \(target), which does not exist; create that folder or give another --out"
        case .notAReport(let folder, let foreign, let count):
            let listed =
                foreign.joined(separator: ", ") + (count > foreign.count ? " and \(count - foreign.count) more" : "")
            return
                "--out \(folder) holds files that are not an hsarchive report (\(listed)); hsarchive replaces only report "
                + "folders it wrote, so give a new or empty folder (such as \(folder)/Reports) or move those files away"
        case .holdsInput(let folder, let input):
            return
                "--out \(folder) holds the input \(input), which the report would replace; give a folder outside the archives"
        case .holdsWorkingDirectory(let folder):
            return
                "--out \(folder) is the working directory or holds it; the report replaces its folder whole, so give a folder inside it, such as \(folder == "." ? "Reports" : folder + "/Reports")"
        case .cannotList(let folder, let reason):
            return "cannot look into --out \(folder): \(reason); check its permissions or give another --out"
        case .cannotCreate(let folder, let reason):
            return
                "cannot create the report folder \(folder): \(reason); check that its parent folder exists and is writable, or give another --out"
        case .notWritable(let folder, let reason):
            return
                "cannot write into the report folder \(folder): \(reason); check its permissions or give another --out"
        case .cannotLock(let folder, let reason):
            return
                "cannot lock the report folder \(folder) against other runs: \(reason); give an --out where you can write"
        case .changedDuringRun(let folder, let foreign):
            return "files that hsarchive did not write appeared in \(folder) while the report was being written ("
                + foreign.joined(separator: ", ") + "), so the new report was not put in its place"
        case .cannotReplace(let folder, let reason):
            return "cannot put the new report in place of \(folder): \(reason)"
        case .partlyReplaced(let folder, let reason):
            return "cannot replace the report files in \(folder) (a mount point, replaced file by file): \(reason); "
                + "it now holds some files of the new report and some of the previous one: run the report again"
        }
    }
}
