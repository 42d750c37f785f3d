import HelpScoutArchiveSamples

/// Signing helpers from the samples library, named for the tests.
enum HelpScoutArchiveSamplesBridge {
    static func sign(_ body: String, secret: String) -> String {
        DeliveryLine.sign(Array(body.utf8), secret: secret)
    }
}
