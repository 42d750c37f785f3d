import Foundation
import HelpScoutArchive

/// The fuzz target: any bytes, as a delivery line, as a signed body through every level of decoding,
/// and as an archive stream. Built with `make fuzz` (libFuzzer and AddressSanitizer); a normal build
/// makes it a replayer of saved inputs, as the regression tests use it.
private let keyring = try! SecretKeyring(secrets: ["fuzz-secret"])
// libFuzzer calls the target from one thread, so the processors are shared without a lock.
nonisolated(unsafe) private var processors = BodyDecoder.Detail.allCases.map { DeliveryProcessor(keyring: keyring, detail: $0) }

func fuzzOne(_ data: UnsafeRawBufferPointer) {
    // 1. The bytes as an archived delivery line.
    for index in processors.indices { _ = processors[index].process(line: data) }

    // 2. The bytes as a body, correctly signed, so the decoders past verification see them.
    let line = FuzzLine.signed(body: data, secret: "fuzz-secret")
    line.withUnsafeBytes { bytes in
        for index in processors.indices {
            let verdict = processors[index].process(line: bytes)
            if case .rejected(.forged, let reason, _, _) = verdict, !reason.contains("X-HelpScout-Event") {
                fatalError("a correctly signed body was reported forged: \(reason)")
            }
        }
    }

    // 3. The bytes as an archive: gzip or plain, framed into lines.
    let reader = ArchiveReader(source: MemorySource(Array(data), chunkSize: 7), batchSize: 64, maxLineLength: 4096)
    while let batch = try? reader.nextBatch() {
        batch.forEachLine { _, _ in }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    fuzzOne(UnsafeRawBufferPointer(start: start, count: count))
    return 0
}

/// Builds a delivery line around arbitrary body bytes (as base64, so any bytes are representable).
enum FuzzLine {
    static func signed(body: UnsafeRawBufferPointer, secret: String) -> [UInt8] {
        let signature = HMACSigner.sign(body, secret: secret)
        let text = "{\"headers\":{\"X-HelpScout-Event\":\"convo.created\",\"X-HelpScout-Signature\":\"\(signature)\"},"
            + "\"receivedAt\":\"2026-10-05T10:00:00Z\",\"isBase64Encoded\":true,\"body\":\"\(Base64.encode(body))\"}"
        return Array(text.utf8)
    }
}

#if !HSARCHIVE_FUZZING
/// Replays saved inputs: `hsarchive-fuzz FILE...` runs each through the fuzz target.
@main
struct FuzzReplay {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            data.withUnsafeBytes { fuzzOne($0) }
            print("ok \(path)")
        }
    }
}
#endif
