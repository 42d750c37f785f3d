import CJSONKernels
import Foundation
import HelpScoutArchiveSamples
import Testing

@testable import HelpScoutArchive

/// The AVX-512 string kernel against the Swift scanner it shortcuts: the same verdict, the same
/// bytes written, for strings that put every kind of byte at every offset around its 64-byte blocks.
@Suite struct JSONKernelTests {
    /// Escaped-string pieces, valid and not: the kernel must hand each unusual one back unchanged.
    static let pieces: [[UInt8]] =
        [
            "a", "\\\"", "\\\\", "\\/", "\\\\\\\"", "\\\\\\\\", "\\n", "\\t", "\\u00e9", "\\ud83d\\ude00", "\\ud83d",
            "é", "—", "🙂", "\\x", "<p>", "\"", "\\",
        ].map { Array($0.utf8) } + [
            [0x01], [0x09], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80],
        ]

    enum Outcome: Equatable {
        case closed(quoteOffset: Int, written: [UInt8], hasEscapes: Bool, hasUnpairedSurrogate: Bool)
        case failed(offset: Int, JSONSyntaxError.Kind)
    }

    func scan(_ content: [UInt8], kernels: KernelChoice) -> Outcome {
        content.withUnsafeBufferPointer { input in
            let start = input.baseAddress!
            let output = UnsafeMutablePointer<UInt8>.allocate(capacity: content.count + 64)
            defer { output.deallocate() }
            switch JSONScanner.scanStringCopying(from: start, start + content.count, into: output, kernels: kernels) {
            case .closed(let quote, let written, let hasEscapes, let hasUnpairedSurrogate):
                return .closed(
                    quoteOffset: quote - start, written: Array(UnsafeBufferPointer(start: output, count: written)),
                    hasEscapes: hasEscapes, hasUnpairedSurrogate: hasUnpairedSurrogate)
            case .failed(let at, let kind):
                return .failed(offset: at - start, kind)
            }
        }
    }

    @Test(.whereTheKernelsRun)
    func theKernelAgreesWithTheSwiftScannerEverywhere() {
        var random = SampleRandom(seed: 64)
        var closedCount = 0
        for round in 0..<6_000 {
            var content: [UInt8] = []
            let target = round % 300
            while content.count < target {
                // Mostly plain text and the common escapes, now and then anything.
                let piece =
                    random.next() % 4 == 0
                    ? Self.pieces[Int(random.next() % UInt64(Self.pieces.count))]
                    : Array(repeating: UInt8(ascii: "x"), count: Int(random.next() % 70))
                content += piece
            }
            if round % 3 != 0 { content += Array("\"tail".utf8) }
            let fast = scan(content, kernels: .best)
            #expect(fast == scan(content, kernels: .scalar), "\(content)")
            if case .closed = fast { closedCount += 1 }
        }
        // Both verdicts must be common, or the comparison proves little.
        #expect(closedCount > 1_000 && closedCount < 5_000)
    }

    @Test(.whereTheKernelsRun)
    func everyBlockBoundaryPosition() {
        for piece in Self.pieces {
            for offset in 50...140 {
                let content = Array(repeating: UInt8(ascii: "y"), count: offset) + piece + Array("z\"".utf8)
                #expect(scan(content, kernels: .best) == scan(content, kernels: .scalar), "\(offset) \(piece)")
                let cut = Array(repeating: UInt8(ascii: "y"), count: offset) + piece
                #expect(scan(cut, kernels: .best) == scan(cut, kernels: .scalar), "\(offset) \(piece) at the end")
            }
        }
    }
}

@Suite struct JSONIndexTests {
    /// Every line of the committed sample archives.
    static func sampleLines() throws -> [[UInt8]] {
        let folder = Fixtures.repositoryRoot + "/sample-data/archive"
        let files = FileManager.default.enumerator(atPath: folder)!.compactMap { $0 as? String }.filter {
            $0.contains(".jsonl")
        }.sorted()
        return try files.flatMap { file in
            Fixtures.readLines([UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file)))).lines.map {
                Array($0.1.utf8)
            }
        }
    }

    /// The error parsing `bytes`, or its tokens (those at most `maxTokenDepth` deep).
    static func tape(
        _ bytes: [UInt8], kernels: KernelChoice, maxTokenDepth: Int = .max
    ) -> Result<[JSONToken], JSONSyntaxError> {
        let tape = JSONTape()
        return bytes.withUnsafeBytes { buffer in
            if let error = tape.parse(buffer, kernels: kernels, maxTokenDepth: maxTokenDepth) { return .failure(error) }
            return .success(Array(tape.document.tokens))
        }
    }

    @Test(.whereTheKernelsRun)
    func sampleBodiesGiveTheSameTapeEitherWay() throws {
        let lines = try Self.sampleLines()
        let lineTape = JSONTape()
        let body = ByteBuffer()
        var compared = 0
        for line in lines {
            guard line.withUnsafeBytes({ lineTape.parse($0, capturing: "body", into: body) }) == nil, body.count > 0
            else { continue }
            let bytes = Array(body.bytes)
            let fast = Self.tape(bytes, kernels: .best)
            let reference = Self.tape(bytes, kernels: .scalar)
            #expect(fast == reference, "\(String(decoding: bytes, as: UTF8.self))")
            if fast != reference { break }
            compared += 1
        }
        #expect(compared > 1000)
    }

    /// Bytes that change a JSON text's structure, to sprinkle into valid ones.
    static let structuralBytes: [UInt8] =
        Array("\"\\{}[]:, \t\n\r0-e.tfnu/".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xE2, 0xF0, 0xFF]

    @Test(.whereTheKernelsRun)
    func damagedTextsGiveTheSameVerdictAndTapeEitherWay() throws {
        let lineTape = JSONTape()
        let body = ByteBuffer()
        let bodies: [[UInt8]] = try Self.sampleLines().prefix(400).compactMap { line in
            guard line.withUnsafeBytes({ lineTape.parse($0, capturing: "body", into: body) }) == nil else { return nil }
            return Array(body.bytes)
        }
        var random = SampleRandom(seed: 2026)
        var valid = 0, invalid = 0
        for round in 0..<20_000 {
            var bytes = bodies[round % bodies.count]
            guard !bytes.isEmpty else { continue }
            for _ in 0..<(1 + Int(random.next() % 3)) {
                let at = Int(random.next() % UInt64(bytes.count))
                let byte = Self.structuralBytes[Int(random.next() % UInt64(Self.structuralBytes.count))]
                switch random.next() % 3 {
                case 0: bytes[at] = byte
                case 1: bytes.insert(byte, at: at)
                default: bytes.remove(at: at)
                }
                if bytes.isEmpty { break }
            }
            let fast = Self.tape(bytes, kernels: .best)
            #expect(fast == Self.tape(bytes, kernels: .scalar), "\(String(decoding: bytes, as: UTF8.self))")
            if case .failure = fast { invalid += 1 } else { valid += 1 }
        }
        // Both kinds must be common, or the comparison proves little.
        #expect(valid > 2_000 && invalid > 2_000, "\(valid) valid, \(invalid) invalid")
    }

    @Test(.whereTheKernelsRun)
    func everyEscapeIsValidatedAlikeAtEveryOffset() {
        // The indexed path validates a string's escapes from the index alone: each kind, valid or
        // not, surrogates paired or not, must give the reference's tape or its rejection.
        let escapes = [
            #"\""#, #"\\"#, #"\/"#, #"\b\f\n\r\t"#, #"\u00e9"#, #"\uD83D\uDE00"#, #"\uD83D"#, #"\uDE00"#,
            #"\uD83Dx"#, #"\uD83D\n"#, #"\uD83D\""#, #"\uD83D\uD83D\uDE00"#, #"\uDE00\uD83D"#, #"\u12G4"#,
            #"\u12"#, #"\x"#, #"\'"#, #"\\\\\""#, #"\\u0041"#,
        ]
        var accepted = 0, rejected = 0
        for escape in escapes {
            for padding in 0..<70 {
                let text = Array(
                    ("{\"k\":[\"" + String(repeating: "a", count: padding) + escape + "z\",\"" + escape + "\"]}").utf8)
                let fast = Self.tape(text, kernels: .best)
                #expect(fast == Self.tape(text, kernels: .scalar), "\(String(decoding: text, as: UTF8.self))")
                if case .failure = fast { rejected += 1 } else { accepted += 1 }
            }
        }
        #expect(accepted > 0 && rejected > 0)
    }

    /// The C parse loop writes `hs_json_token`s into the tape's `JSONToken` buffer.
    @Test func theCTokenIsLaidOutAsTheSwiftToken() {
        #expect(MemoryLayout<JSONToken>.size == MemoryLayout<hs_json_token>.size)
        #expect(MemoryLayout<JSONToken>.stride == MemoryLayout<hs_json_token>.stride)
        #expect(MemoryLayout<JSONToken>.offset(of: \.kind) == MemoryLayout<hs_json_token>.offset(of: \.kind))
        #expect(
            MemoryLayout<JSONToken>.offset(of: \.hasEscapes) == MemoryLayout<hs_json_token>.offset(of: \.has_escapes))
        #expect(
            MemoryLayout<JSONToken>.offset(of: \.hasUnpairedSurrogate)
                == MemoryLayout<hs_json_token>.offset(of: \.has_unpaired_surrogate))
        #expect(MemoryLayout<JSONToken>.offset(of: \.start) == MemoryLayout<hs_json_token>.offset(of: \.start))
        #expect(MemoryLayout<JSONToken>.offset(of: \.end) == MemoryLayout<hs_json_token>.offset(of: \.end))
        #expect(MemoryLayout<JSONToken>.offset(of: \.next) == MemoryLayout<hs_json_token>.offset(of: \.next))
        #expect(JSONToken.Kind.allCases.map(\.rawValue) == Array(0...6))
    }

    @Test(.whereTheKernelsRun)
    func tokensKeptToADepthAndNestingLimitsAreAlikeEitherWay() throws {
        // Statuses keep only the top of a body; the depth limit stops hostile nesting.
        let bodies = try Self.sampleLines().prefix(200).compactMap { line -> [UInt8]? in
            let lineTape = JSONTape(), body = ByteBuffer()
            guard line.withUnsafeBytes({ lineTape.parse($0, capturing: "body", into: body) }) == nil else { return nil }
            return Array(body.bytes)
        }
        for body in bodies {
            for depth in [0, 1, 2, 3] {
                #expect(
                    Self.tape(body, kernels: .best, maxTokenDepth: depth)
                        == Self.tape(body, kernels: .scalar, maxTokenDepth: depth))
            }
        }
        for nesting in 60...66 {
            for (open, close) in [("[", "]"), ("{\"k\":", "}")] {
                let text = Array(
                    (String(repeating: open, count: nesting) + "1" + String(repeating: close, count: nesting)).utf8)
                for depth in [0, 2, Int.max] {
                    let fast = Self.tape(text, kernels: .best, maxTokenDepth: depth)
                    #expect(fast == Self.tape(text, kernels: .scalar, maxTokenDepth: depth), "\(nesting) \(open)")
                    if case .failure = fast { #expect(nesting > JSONTape.maxDepth) }
                }
            }
        }
    }

    @Test func textsOverTheIndexLimitAreParsedWithTheKernelsChosen() {
        // Past JSONTape.maxIndexedLength the structural index is not built: the byte scanner parses.
        let element = Array(#"{"id":12345,"s":"a\"b"},"#.utf8)
        var text: [UInt8] = [UInt8(ascii: "[")]
        while text.count <= JSONTape.maxIndexedLength { text += element }
        text[text.count - 1] = UInt8(ascii: "]")
        guard case .success(let tokens) = Self.tape(text, kernels: .best) else {
            Issue.record("not parsed")
            return
        }
        #expect(tokens.count == 1 + text.count / element.count * 5)
    }
}
