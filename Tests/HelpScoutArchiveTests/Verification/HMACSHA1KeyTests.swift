import Crypto
import HelpScoutArchiveSamples
import Testing

@testable import HelpScoutArchive

/// `HMACSHA1Key` composes HMAC from swift-crypto's SHA-1, and from its own SHA-1 on the SHA
/// instructions for messages taken together: every code must equal the library's `HMAC`.
@Suite struct HMACSHA1KeyTests {
    static func libraryCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    static func composedCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { HMACSHA1Key(key).authenticationCode(for: $0).array }
    }

    /// Keys of every length up to past two blocks (longer than a block, a key is hashed first) and
    /// messages of every length around the block and padding boundaries.
    @Test func equalsTheLibrarysHMACForKeysAndMessagesOfEveryLengthAroundTheBlockSize() {
        var random = SampleRandom(seed: 17)
        let message = (0..<200).map { _ in UInt8.random(in: 0...255, using: &random) }
        for keyLength in 0...140 {
            let key = (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &random) }
            for messageLength in [0, 1, 19, 20, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129, 200] {
                let slice = Array(message.prefix(messageLength))
                #expect(
                    Self.composedCode(key: key, message: slice) == Self.libraryCode(key: key, message: slice),
                    "key of \(keyLength) bytes, message of \(messageLength)")
            }
        }
    }

    /// Messages taken together, two at a time on the SHA instructions (the next taking a lane as
    /// soon as one ends), give the library's codes: runs of every length up to past the lanes'
    /// count, of messages whose lengths straddle the block and padding boundaries in every mix, on
    /// the instructions and off them.
    @Test func messagesTakenTogetherGiveTheLibrarysCodes() {
        var random = SampleRandom(seed: 29)
        let lengths = [0, 1, 19, 20, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 3000]
        for keyLength in [0, 13, 64, 65] {
            let key = (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &random) }
            let authenticator = HMACSHA1Key(key)
            for count in 0...9 {
                for _ in 0..<12 {
                    let messages = (0..<count).map { _ in
                        (0..<lengths.randomElement(using: &random)!).map { _ in
                            UInt8.random(in: 0...255, using: &random)
                        }
                    }
                    let expected = messages.map { Self.libraryCode(key: key, message: $0) }
                    for onSHAInstructions in [true, false] {
                        let pointers = messages.map { message in
                            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: message.count, alignment: 1)
                            copy.copyBytes(from: message)
                            return UnsafeRawBufferPointer(copy)
                        }
                        defer { for pointer in pointers { pointer.deallocate() } }
                        let codes = authenticator.authenticationCodes(
                            for: pointers, onSHAInstructions: onSHAInstructions)
                        #expect(
                            codes.map(\.array) == expected,
                            "key of \(keyLength) bytes, lengths \(messages.map(\.count)), on the instructions: \(onSHAInstructions)"
                        )
                    }
                }
            }
        }
    }

    /// One key serves many messages: its padded states must not change between them.
    @Test func aKeyGivesTheSameCodesMessageAfterMessage() {
        let key = HMACSHA1Key(Array("sample-secret".utf8))
        let messages = ["{\"id\":1}", "", String(repeating: "body ", count: 700)].map { Array($0.utf8) }
        for _ in 0..<3 {
            for message in messages {
                let code = message.withUnsafeBytes { key.authenticationCode(for: $0).array }
                #expect(code == Self.libraryCode(key: Array("sample-secret".utf8), message: message))
            }
        }
    }

    /// RFC 2202's first HMAC-SHA1 test case, against the published digest rather than a library.
    @Test func matchesRFC2202() {
        let code = Self.composedCode(key: Array(repeating: 0x0B, count: 20), message: Array("Hi There".utf8))
        #expect(
            code.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
                == "b617318655057264e28bc0b6fb378c8ef146be00")
    }
}
