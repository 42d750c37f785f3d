import ArgumentParser
import HelpScoutArchive

/// `hsarchive merge`: the report folder from partials, exactly as `report` over their archives.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Write the report folder from partial files, exactly as report over their archives would.",
        usage: """
            hsarchive merge <partial> ... [--out <dir>] [--strict] [--quiet]
                            [--time-zone <zone>] [--office-hours <schedule>]
                            [--holidays <file>] [--since <time>] [--until <time>]
                            [--summary-json <file>] [--metrics-file <file>]
            """,
        discussion: """
            Give the partials in the order their archives would be given to report: a retry is \
            a duplicate of the first copy in that order. Each partial is checked (format version, \
            SHA-256, every record) as it is read; a partial that is refused stops the merge with \
            exit status 2, and no report is written. summary.json lists the partials and the key \
            ids each was verified with.
            Exit status: as report's, from the partials' counts: 0 success; 1 no signature matched \
            (no report is written), or with --strict anything is forged or unsigned; 2 a partial \
            refused, a folder that is not a report folder, an input that a partial records as \
            unreadable, or the report could not be written.
            """
    )

    @Argument(
        help: ArgumentHelp("Partial files written by hsarchive partial.", valueName: "partial"), completion: .file())
    var partials: [String]

    @OptionGroup var shape: ReportShapeOptions

    @OptionGroup var record: RecordOptions

    func validate() throws {
        guard !partials.isEmpty else { throw ValidationError("Give at least one partial file.") }
        guard !partials.contains("-") else { throw ValidationError("merge reads partial files, not standard input.") }
    }

    func run() throws {
        Diagnostics.isQuiet = record.quiet
        let recording = try RunRecording(
            command: "merge", summaryJSON: record.summaryJSON, metricsFile: record.metricsFile,
            settings: shape.settings + [("partials", .list(partials.map { RawArguments.path($0).string ?? $0 }))],
            reportFolder: shape.out)
        try recording.run { try merge(recording: recording) }
    }

    private func merge(recording: RunRecording) throws {
        let (paths, repeats) = InputDiscovery.withoutRepeats(partials.map(RawArguments.path))
        for (again, earlier) in repeats {
            Diagnostics.warning(RunOptions.readOnce(again.displayName, earlier.displayName))
        }
        // The next partials' blocks are read, inflated and checksummed on threads of their own,
        // from the start: the first are ready once the report folder is locked and staged.
        let prefetch = PartialPrefetch(count: paths.count) { (index) throws(PartialFileReader.Refusal) in
            do throws(ArchiveReadError) { return try FileDescriptorSource(path: paths[index]) } catch {
                throw PartialFileReader.Refusal(error.message)
            }
        }
        defer { prefetch.cancel() }
        let officeHours = try shape.schedule()
        // The report's audit names inputs as the partials recorded them: known only once read.
        let session = try ReportSession(
            shape: shape, officeHours: officeHours, inputPaths: paths, inputNames: [])
        var merge = PartialMerge()
        let builder = session.builder
        let sizes = paths.map { $0.regularFileSize ?? 0 }
        for (index, path) in paths.enumerated() {
            // Once the first partial shows how many events a byte of partial holds, the set of
            // delivery keys is made about its final size at once: on the bench set, growing it
            // from empty rehashed half a million keys (half its instructions).
            if index == 1 {
                merge.makeRoom(
                    forPartials: paths.count - 1, ofBytes: sizes.dropFirst().reduce(0, &+), after: sizes[0])
            }
            let failuresBefore = merge.summary.failures.count
            do throws(PartialFileError) {
                try builder.updateFacts { (store) throws(PartialFileError) in
                    try merge.add(
                        blocks: prefetch.blocks(of: index), name: path.displayName, observer: builder, store: &store)
                }
            } catch {
                session.abandon(error.message)
                throw ExitStatus.failure.code
            }
            // As report does: each input the partial records as unreadable, by name, and where that
            // was found: the archive may have been mended since.
            for failure in merge.summary.failures[failuresBefore...] {
                Diagnostics.error(
                    Diagnostics.describe(failure, name: merge.summary.inputs[failure.input].name)
                        + " (as \(path.displayName) recorded it when it was made; once the archive is whole, make that partial again)"
                )
            }
            if let partial = merge.sources.last, partial.matchedNoSignature {
                Diagnostics.warning(
                    "\(path.displayName): not one of its \(partial.signaturesMismatched) signatures matched the keyring it was made with (it was made with --even-if-unverified): its secret is probably wrong"
                )
            }
        }
        // The partials' conversation records put in order once, for the count and the metrics.
        builder.updateFacts { $0.finishMerge() }
        var summary = merge.summary
        summary.conversationCount = builder.conversationCount
        recording.summary = summary
        recording.partials = merge.sources
        summary.warnAboutInputs()
        let keys = Set(merge.sources.flatMap(\.keyIds)).count
        try session.finish(summary: summary, keys: keys, recording: recording, strict: shape.strict)
    }
}
