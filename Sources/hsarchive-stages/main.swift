import Crypto
import Foundation
import HelpScoutArchive

/// Times each stage of the hot path alone, on one thread, over the first archive given:
/// what `make bench` prints beside the whole-program figures, to show where the time goes.
/// With `--render`, reads every archive given as `report` does (with the bench's options) and
/// times the rendering of the report's files, its charts and report.html apart. With `--merge`,
/// times the reading of partials into a fact store, and the metrics computed from it.
///
///     hsarchive-stages SECRETS ARCHIVE.jsonl.gz [REPEATS]
///     hsarchive-stages --render SECRETS ARCHIVE...
///     hsarchive-stages --merge PARTIAL...
let arguments = CommandLine.arguments
if arguments.count >= 3 && arguments[1] == "--merge" {
    MergeTiming.run(partials: Array(arguments[2...]))
    exit(0)
}
if arguments.count >= 4 && arguments[1] == "--render" {
    RenderTiming.run(secrets: arguments[2], archives: Array(arguments[3...]))
    exit(0)
}
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: hsarchive-stages SECRETS ARCHIVE.jsonl.gz [REPEATS]\n".utf8))
    exit(2)
}
let keyring = try SecretKeyring.load(secretFile: RawPath(arguments[1]), environment: [:]).keyring
let compressed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: arguments[2])))
let repeats = arguments.count > 3 ? Int(arguments[3])! : 3

func best(_ label: String, bytes: Int, _ body: () -> Void) {
    var fastest = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    print(
        "\(label.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(format: "%7.0f", Double(bytes) / fastest / 1e6)) MB/s"
    )
}

// Inflate, with every inflater of the build.
var plain: [UInt8] = []
for (name, make) in Inflaters.available {
    var output = [UInt8](repeating: 0, count: 1 << 20)
    var total = 0
    best("inflate (\(name))", bytes: plain.isEmpty ? compressed.count * 10 : plain.count) {
        let inflater = make()
        var offset = 0
        total = 0
        var collected: [UInt8] = []
        while true {
            let (consumed, produced) = try! compressed[offset...].withUnsafeBytes { input in
                try output.withUnsafeMutableBytes { try inflater.inflate(input: input, output: $0) }
            }
            offset += consumed
            total += produced
            if plain.isEmpty { collected += output[0..<produced] }
            if produced == 0 && offset == compressed.count { break }
        }
        if plain.isEmpty { plain = collected }
    }
}
// The SHA-256 of the input as stored, which every run computes for summary.json while it reads;
// like every figure here, per uncompressed byte, so it compares with the stages after it.
best("input SHA-256 (of the gzip bytes)", bytes: plain.count) {
    var hasher = SHA256()
    var offset = 0
    while offset < compressed.count {
        let end = min(offset + (256 << 10), compressed.count)
        compressed[offset..<end].withUnsafeBytes { hasher.update(bufferPointer: $0) }
        offset = end
    }
    _ = hasher.finalize()
}
let lines = plain.split(separator: 0x0A).map { Array($0) }
print("(\(plain.count >> 20) MB, \(lines.count) lines)")

let tape = JSONTape()
let captured = ByteBuffer()
best("line scan + body unescape", bytes: plain.count) {
    for line in lines { _ = line.withUnsafeBytes { tape.parse($0, capturing: "body", into: captured) } }
}
let bodies = lines.map { line in
    _ = line.withUnsafeBytes { tape.parse($0, capturing: "body", into: captured) }
    return Array(captured.bytes)
}
let bodyBytes = bodies.reduce(0) { $0 + $1.count }
// One secret, as after a rotation settles: the signature check costs one HMAC per delivery.
var verifier = SignatureVerifier(keyring: try SecretKeyring(secrets: ["one-secret"]))
best("signature check (HMAC-SHA1)", bytes: bodyBytes) {
    for body in bodies {
        _ = body.withUnsafeBytes { verifier.verify(signature: "AAAAAAAAAAAAAAAAAAAAAAAAAAA=", body: $0) }
    }
}
// As `report` checks them: eight bodies at a time, two hashed at once on the SHA instructions.
let claimed = "AAAAAAAAAAAAAAAAAAAAAAAAAAA=".utf8.withContiguousStorageIfAvailable {
    SignatureVerifier.ClaimedCode(signature: UnsafeRawBufferPointer($0))!
}!
best("signature check, 8 at a time", bytes: bodyBytes) {
    for start in stride(from: 0, to: bodies.count, by: DeliveryProcessor.linesAtOnce) {
        let group = bodies[start..<min(start + DeliveryProcessor.linesAtOnce, bodies.count)]
        withPointers(to: Array(group)) { pointers in _ = verifier.verify(pointers.map { (claimed, $0) }) }
    }
}
// For comparison: swift-crypto's own HMAC, keyed once and copied per message (what the check used
// before HMACSHA1Key), and its SHA-1 over the same bytes as one stream, without HMAC's per-message work.
let libraryHMAC = HMAC<Insecure.SHA1>(key: SymmetricKey(data: Array("one-secret".utf8)))
best("(swift-crypto HMAC<SHA1> per body)", bytes: bodyBytes) {
    for body in bodies {
        var authenticator = libraryHMAC
        body.withUnsafeBytes { authenticator.update(data: $0) }
        _ = authenticator.finalize()
    }
}
let stream = bodies.flatMap { $0 }
best("(SHA-1 of bodies as one stream)", bytes: stream.count) {
    _ = stream.withUnsafeBytes { Insecure.SHA1.hash(data: $0) }
}
best("body fingerprint", bytes: bodyBytes) {
    for body in bodies { _ = body.withUnsafeBytes(BodyFingerprint.init) }
}
let bodyTape = JSONTape()
best("body parse (tape)", bytes: bodyBytes) {
    for body in bodies { _ = body.withUnsafeBytes { bodyTape.parse($0) } }
}
let receivedAt = Timestamp.parse("2026-10-05T10:00:00Z")
for detail in [DecodingDetail.statuses, .complete] {
    var decoder = BodyDecoder(detail: detail)
    best("body parse + decode (\(detail))", bytes: bodyBytes) {
        // With a receivedAt, as every delivery line of the archives has.
        for body in bodies {
            _ = body.withUnsafeBytes { decoder.decode($0, eventHeader: .status, receivedAt: receivedAt) }
        }
    }
}
for detail in [DecodingDetail.statuses, .complete] {
    var processor = DeliveryProcessor(keyring: keyring, detail: detail)
    best("whole line (\(detail))", bytes: plain.count) {
        for line in lines { _ = line.withUnsafeBytes { processor.process(line: $0) } }
    }
}

/// Calls `body` with pointers to each of `arrays`' bytes, valid during the call.
func withPointers(to arrays: [[UInt8]], _ body: ([UnsafeRawBufferPointer]) -> Void) {
    func nest(_ index: Int, _ pointers: [UnsafeRawBufferPointer]) {
        guard index < arrays.count else { return body(pointers) }
        arrays[index].withUnsafeBytes { nest(index + 1, pointers + [$0]) }
    }
    nest(0, [])
}
