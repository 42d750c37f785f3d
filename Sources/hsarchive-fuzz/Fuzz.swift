import Foundation
import HelpScoutArchive

/// The fuzz target: any bytes, as a delivery line, as a signed body through every level of decoding,
/// as a JSON text parsed both with and without the kernels (where the CPU has them), and as an
/// archive stream. `make fuzz` builds it with AddressSanitizer and runs `--mutate`, a property-based
/// generator over the seeds in Tests/FuzzCorpus; given files, it replays them, as the regression test
/// does. `LLVMFuzzerTestOneInput` also lets libFuzzer drive it.
private let keyring = try! SecretKeyring(secrets: ["fuzz-secret"])
// libFuzzer calls the target from one thread, so the processors are shared without a lock.
nonisolated(unsafe) private var processors = DecodingDetail.allCases.map {
    DeliveryProcessor(keyring: keyring, detail: $0)
}

nonisolated(unsafe) private let indexedTape = JSONTape()
nonisolated(unsafe) private let scannedTape = JSONTape()

func fuzzOne(_ data: UnsafeRawBufferPointer) {
    // 1. The bytes as an archived delivery line.
    for index in processors.indices { _ = processors[index].process(line: data) }

    // 2. The bytes as a body, correctly signed, so the decoders past verification see them.
    let line = FuzzLine.signed(body: data, secret: "fuzz-secret")
    line.withUnsafeBytes { bytes in
        for index in processors.indices {
            let verdict = processors[index].process(line: bytes)
            if case .rejected(.forged, let reason, _, _, _) = verdict, !reason.contains("X-HelpScout-Event") {
                fatalError("a correctly signed body was reported forged: \(reason)")
            }
        }
    }

    // 3. The bytes as a JSON text: the kernels' structural index and the byte scanner must agree on
    // the verdict and on every token.
    if KernelChoice.best.runsKernels {
        let indexed = indexedTape.parse(data, kernels: .best)
        let scanned = scannedTape.parse(data, kernels: .scalar)
        if indexed != scanned || !indexedTape.document.tokens.elementsEqual(scannedTape.document.tokens) {
            fatalError(
                "the kernel index and the byte scanner disagree: \(String(describing: indexed)) against \(String(describing: scanned))"
            )
        }
    }

    // 4. The bytes as an archive: gzip or plain, framed into lines.
    let reader = ArchiveReader(source: MemorySource(Array(data), chunkSize: 7), batchSize: 64, maxLineLength: 4096)
    while let batch = try? reader.nextBatch() {
        batch.forEachLine { _, _ in }
    }
}

/// The entry point for libFuzzer (`swift build --sanitize=fuzzer -Xswiftc -DHSARCHIVE_FUZZING`).
// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    fuzzOne(UnsafeRawBufferPointer(start: start, count: count))
    return 0
}

/// Builds a delivery line around arbitrary body bytes (as base64, so any bytes are representable).
enum FuzzLine {
    static func signed(body: UnsafeRawBufferPointer, secret: String) -> [UInt8] {
        let signature = HMACSigner.sign(body, secret: secret)
        let text =
            "{\"headers\":{\"X-HelpScout-Event\":\"convo.created\",\"X-HelpScout-Signature\":\"\(signature)\"},"
            + "\"receivedAt\":\"2026-10-05T10:00:00Z\",\"isBase64Encoded\":true,\"body\":\"\(Base64.encode(body))\"}"
        return Array(text.utf8)
    }
}

#if !HSARCHIVE_FUZZING
    /// `hsarchive-fuzz FILE...` replays saved inputs; `hsarchive-fuzz --mutate SECONDS [--seed N]
    /// [--save FILE] DIR...` runs mutations of the inputs in DIRs for SECONDS, first writing each input
    /// to FILE so that a crash leaves it behind.
    @main
    struct FuzzMain {
        static func main() throws {
            var arguments = Array(CommandLine.arguments.dropFirst())
            guard arguments.first == "--mutate", arguments.count >= 3, let seconds = Double(arguments[1]) else {
                for path in arguments {
                    let data = try Data(contentsOf: URL(fileURLWithPath: path))
                    data.withUnsafeBytes { fuzzOne($0) }
                    print("ok \(path)")
                }
                return
            }
            arguments.removeFirst(2)
            var seed = UInt64(Date().timeIntervalSince1970 * 1000)
            var save = ".build-fuzz/current-input"
            while arguments.count >= 2, arguments[0].hasPrefix("--") {
                if arguments[0] == "--seed", let value = UInt64(arguments[1]) { seed = value }
                if arguments[0] == "--save" { save = arguments[1] }
                arguments.removeFirst(2)
            }
            let seeds = try arguments.flatMap { folder in
                try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map {
                    [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)))
                }
            }
            guard !seeds.isEmpty else { throw CocoaError(.fileNoSuchFile) }
            print(
                "mutating \(seeds.count) seeds for \(Int(seconds)) s, seed \(seed); each input is written to \(save) before it runs"
            )
            var mutator = Mutator(seed: seed)
            let deadline = Date().addingTimeInterval(seconds)
            var runs = 0
            while Date() < deadline {
                for _ in 0..<100 {
                    let input = mutator.mutate(
                        seeds[mutator.below(seeds.count)], other: seeds[mutator.below(seeds.count)])
                    _ = FileManager.default.createFile(atPath: save, contents: Data(input))
                    input.withUnsafeBytes { fuzzOne($0) }
                    runs += 1
                }
            }
            try? FileManager.default.removeItem(atPath: save)
            print("done: \(runs) inputs, no crash")
        }
    }
#endif
