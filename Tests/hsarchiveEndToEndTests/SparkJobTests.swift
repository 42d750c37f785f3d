import Foundation
import TestSupport
import Testing

/// contrib/spark's job, for real, in Spark's local mode with two cores: partials made across the
/// executors and merged on the driver give the report folder of one machine, byte for byte.
@Suite struct SparkJobTests: ReportFolderChecks {
    /// The virtual environment's python with pyspark (`make test` says where: HSARCHIVE_SPARK_PYTHON).
    static let python: String = {
        if let chosen = ProcessInfo.processInfo.environment["HSARCHIVE_SPARK_PYTHON"] { return chosen }
        return NSHomeDirectory() + "/.cache/hsarchive/spark-venv-3.5.3/bin/python"
    }()

    static let java: String? = {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return path.map { $0 + "/java" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether Java and pyspark are there: `make test` installs both when it can, else says why not.
    static var canRun: Bool {
        java != nil
            && FileManager.default.isExecutableFile(
                atPath: (python as NSString).deletingLastPathComponent + "/spark-submit")
    }

    @Test(
        .enabled(
            if: SparkJobTests.canRun,
            "needs Java and pyspark: make test installs them (apt as root, a virtual environment in ~/.cache/hsarchive), or prints the commands"
        ), .temporaryFolder, .timeLimit(.minutes(5)))
    func theJobInLocalModeWritesTheReportOfOneMachineByteForByte() throws {
        let root = TemporaryFolder.path
        let repository = HSArchiveRunner.repositoryRoot
        let bin = (Self.python as NSString).deletingLastPathComponent
        // The job is given sample-data/archive as make report gives it, and one of its files again,
        // which it reads once, as report does; three groups for the seven files. Spark's own
        // messages go to a log, shown when the job fails.
        let options = HSArchiveRunner.sampleReportOptions.map { "'\($0)'" }.joined(separator: " ")
        let script = """
            "$SPARK_SUBMIT" --master 'local[2]' --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 \
              --files "$HSARCHIVE,sample-data/webhook-secrets.txt" contrib/spark/hsarchive_spark.py \
              --secret-file webhook-secrets.txt --binary "$HSARCHIVE" --groups 3 --out "$OUT" \
              --keep-partials "$PARTIALS" sample-data/archive sample-data/archive/2026-10/2026-10-05.jsonl.gz \
              -- \(options) > "$LOG" 2>&1
            """
        let environment = [
            "SPARK_SUBMIT": bin + "/spark-submit", "OUT": root + "/SparkReports", "PARTIALS": root + "/partials",
            "LOG": root + "/spark.log", "PYSPARK_PYTHON": Self.python, "PYSPARK_DRIVER_PYTHON": Self.python,
            "PATH": "\(bin):\((Self.java! as NSString).deletingLastPathComponent):/usr/bin:/bin", "HOME": root,
        ].merging(ProcessInfo.processInfo.environment.filter { $0.key == "JAVA_HOME" }) { $1 }
        let result = try HSArchiveRunner.shell(script, environment: environment, directory: repository)
        let log = (try? String(contentsOfFile: root + "/spark.log", encoding: .utf8)) ?? ""
        #expect(result.status == 0, "\(result.errors)\n\(log.suffix(4000))")
        #expect(
            log.contains(
                "warning: sample-data/archive/2026-10/2026-10-05.jsonl.gz is the same file as sample-data/archive/2026-10/2026-10-05.jsonl.gz"
            ), "\(log.suffix(4000))")
        // Three partials, one per group of consecutive files, and the report of make report.
        #expect(contents(root + "/partials") == ["group-00000.partial", "group-00001.partial", "group-00002.partial"])
        #expect(reportFiles(root + "/SparkReports") == reportFiles(repository + "/Reports"))
        let audit = try String(contentsOfFile: root + "/SparkReports/audit.csv", encoding: .utf8)
        #expect(audit.contains("\nsample-data/archive/2026-10/2026-10-05.jsonl.gz,"))
        let summary = try String(contentsOfFile: root + "/SparkReports/summary.json", encoding: .utf8)
        #expect(summary.contains("\"path\": \"sample-data/archive/2026-10/2026-10-07.jsonl\""))
        #expect(summary.contains("\"command\": \"merge\""))
    }

    /// Where the job would not read what `report` reads, it refuses before reading anything: a name
    /// Spark's binaryFiles would hide, and a path that does not exist.
    @Test(
        .enabled(if: SparkJobTests.canRun, "needs Java and pyspark (see the test above)"), .temporaryFolder,
        .timeLimit(.minutes(5)))
    func theJobRefusesWhatItWouldReadOtherwiseThanReport() throws {
        let root = TemporaryFolder.path
        let repository = HSArchiveRunner.repositoryRoot
        try FileManager.default.createDirectory(atPath: root + "/archive", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: repository + "/sample-data/archive/2026-10/2026-10-05.jsonl.gz",
            toPath: root + "/archive/_hidden.jsonl.gz")
        let bin = (Self.python as NSString).deletingLastPathComponent
        let environment = [
            "SPARK_SUBMIT": bin + "/spark-submit", "PYSPARK_PYTHON": Self.python, "PYSPARK_DRIVER_PYTHON": Self.python,
            "PATH": "\(bin):\((Self.java! as NSString).deletingLastPathComponent):/usr/bin:/bin", "HOME": root,
            "ROOT": root,
        ].merging(ProcessInfo.processInfo.environment.filter { $0.key == "JAVA_HOME" }) { $1 }
        for (path, reason) in [
            (root + "/archive", "starts with _ or ., which Spark's binaryFiles takes for a hidden file"),
            (root + "/missing", "/missing does not exist; nothing was read"),
        ] {
            let result = try HSArchiveRunner.shell(
                """
                "$SPARK_SUBMIT" --master 'local[2]' --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 \
                  contrib/spark/hsarchive_spark.py --secret-file sample-data/webhook-secrets.txt --binary "$HSARCHIVE" \
                  --out "$ROOT/Reports" '\(path)' > "$ROOT/spark.log" 2>&1
                status=$?
                grep hsarchive_spark "$ROOT/spark.log"
                exit $status
                """, environment: environment, directory: repository)
            #expect(result.status == 2, "\(result.output)")
            #expect(result.output.contains(reason), "\(result.output)")
            #expect(!FileManager.default.fileExists(atPath: root + "/Reports"))
        }
    }
}
