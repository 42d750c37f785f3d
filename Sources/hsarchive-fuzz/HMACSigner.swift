import Crypto
import HelpScoutArchive

/// Signs bodies the way Help Scout does, for the fuzz target.
enum HMACSigner {
    static func sign(_ body: UnsafeRawBufferPointer, secret: String) -> String {
        Base64.encode(
            Array(HMAC<Insecure.SHA1>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))))
    }
}
