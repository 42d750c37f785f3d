#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files of a report folder, by name: what `report` writes, and so all it may ever replace or
/// remove in a folder.
package enum ReportFiles {
    package static let integrity = "integrity.csv"
    package static let headline = "headline.csv"
    package static let events = "events.csv"
    package static let responseTimes = "response_times.csv"
    package static let responseBuckets = "response_buckets.csv"
    package static let busiestHours = "busiest_hours.csv"
    package static let assignmentChurn = "assignment_churn.csv"
    package static let agentAssignments = "agent_assignments.csv"
    package static let tags = "tags.csv"
    package static let csat = "csat.csv"
    package static let audit = "audit.csv"
    package static let markdown = "report.md"
    package static let html = "report.html"
    /// The run's record for machines; the one file whose bytes differ between two runs on the same
    /// inputs (its times), so comparisons of report folders leave it out.
    package static let summary = "summary.json"
    /// Lists the files hsarchive wrote, marking the folder as a report it may replace.
    package static let manifest = ".hsarchive-manifest"
    /// The lock of a report folder that is a mount point (elsewhere the lock is beside the folder).
    package static let lock = ".hsarchive-lock"
    /// The one subfolder a report writes, holding its charts (`ReportCharts.names`).
    package static let charts = "charts"

    /// Whether `name` is a file a report writes: one of `names`, or `charts/` and a chart's name.
    package static func isReportFile(_ name: String) -> Bool {
        if names.contains(name) { return true }
        guard name.hasPrefix(charts + "/") else { return false }
        return ReportCharts.names.contains(String(name.dropFirst(charts.count + 1)))
    }

    /// The entries of the folder open at `fd` that a report wrote, and the others. A regular file
    /// counts as a report's when `isOurs` accepts its name; the `charts` subfolder when it is a real
    /// folder (not a link, not another file system's mount) holding nothing but regular files whose
    /// `charts/NAME` `isOurs` accepts (at least one, unless `emptyCharts`), listed file by file and
    /// then as `charts/` itself, the order `FileSystem.removeFiles` removes them in.
    static func split(folder fd: Int32, emptyCharts: Bool = false, isOurs: ([UInt8]) -> Bool) -> (
        ours: [[UInt8]], others: [[UInt8]]
    ) {
        var ours: [[UInt8]] = [], others: [[UInt8]] = []
        let chartsName = Array(charts.utf8), slash = UInt8(ascii: "/")
        for entry in FileSystem.entries(inFolder: fd) {
            if entry == chartsName {
                guard let inner = FileSystem.openSubfolder(entry, in: fd), FileSystem.sameDevice(inner, fd) else {
                    others.append(entry)
                    continue
                }
                var files: [[UInt8]] = [], foreign: [[UInt8]] = []
                for file in FileSystem.entries(inFolder: inner) {
                    let path = entry + [slash] + file
                    if isOurs(path) && FileSystem.isRegularFile(file, inFolder: inner) {
                        files.append(path)
                    } else {
                        foreign.append(path)
                    }
                }
                close(inner)
                if !foreign.isEmpty {
                    others += foreign
                } else if files.isEmpty && !emptyCharts {
                    others.append(entry)
                } else {
                    ours += files + [entry + [slash]]
                }
            } else if isOurs(entry) && FileSystem.isRegularFile(entry, inFolder: fd) {
                ours.append(entry)
            } else {
                others.append(entry)
            }
        }
        return (ours, others)
    }

    /// Every file a report folder may hold.
    package static let names: Set<String> = [
        integrity, headline, events, responseTimes, responseBuckets, busiestHours, assignmentChurn, agentAssignments,
        tags, csat,
        audit,
        markdown, html, summary,
        manifest,
    ]

    /// The manifest's text: a note for whoever opens it, then the names, sorted; no times, so two
    /// runs on the same inputs write the same bytes.
    static func manifestText(listing written: [String]) -> String {
        "# Written by hsarchive. This folder is a report that hsarchive replaces on its next run;\n"
            + "# it removes only the files listed here, and refuses a folder that holds anything else.\n"
            + Set(written + [manifest]).sorted().map { $0 + "\n" }.joined()
    }

    /// The names a manifest lists: plain file names only, so a manifest can never point outside
    /// its folder.
    /// Besides plain names, a chart's `charts/NAME` (one of `ReportCharts.names`) and nothing else
    /// with a slash: a manifest vouches for the charts it lists, never for any other path.
    static func names(inManifest text: String) -> Set<[UInt8]> {
        Set(
            text.split(separator: "\n").filter { line in
                guard !line.hasPrefix("#"), !line.isEmpty, line != ".", line != ".." else { return false }
                return !line.contains("/") || isReportFile(String(line)) && line.hasPrefix(charts + "/")
            }.map { Array($0.utf8) })
    }
}
