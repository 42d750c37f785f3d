import Crypto
import HelpScoutArchive

/// Builds archived delivery lines: signed bodies wrapped with their headers, as an archiver writes them.
public struct DeliveryLine: Sendable {
    /// How the headers object is spelled.
    public enum HeaderStyle: Sendable {
        /// `X-HelpScout-Signature`, `X-HelpScout-Event`.
        case canonical
        /// `x-helpscout-signature`, as HTTP/2 proxies and API Gateway write them.
        case lowercase
        /// Each value wrapped in a one-element array (multi-value header maps).
        case arrays
    }

    public var body: [UInt8]
    /// The `X-HelpScout-Signature` value; nil leaves the header out.
    public var signature: String?
    /// The `X-HelpScout-Event` value; nil leaves the header out.
    public var eventHeader: String?
    public var id: String?
    public var receivedAt: String?
    public var isBase64Encoded = false
    public var headerStyle = HeaderStyle.canonical

    public init(body: [UInt8], signature: String?, eventHeader: String?, id: String? = nil, receivedAt: String? = nil) {
        self.body = body
        self.signature = signature
        self.eventHeader = eventHeader
        self.id = id
        self.receivedAt = receivedAt
    }

    /// A delivery of `body` signed with `secret`.
    public static func signed(
        _ body: String, secret: String, event: String?, id: String? = nil, receivedAt: String? = nil
    ) -> DeliveryLine {
        let bytes = Array(body.utf8)
        return DeliveryLine(
            body: bytes, signature: sign(bytes, secret: secret), eventHeader: event, id: id, receivedAt: receivedAt)
    }

    /// The header value Help Scout would send: base64 of HMAC-SHA1 over `body` keyed with `secret`.
    public static func sign(_ body: [UInt8], secret: String) -> String {
        let code = HMAC<Insecure.SHA1>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return Base64.encode(Array(code))
    }

    /// The line as JSON, without its newline.
    public func serialized(_ style: JSONValue.Style = JSONValue.Style()) -> String {
        func name(_ canonical: String) -> String { headerStyle == .lowercase ? canonical.lowercased() : canonical }
        func value(_ text: String) -> JSONValue { headerStyle == .arrays ? .array([.string(text)]) : .string(text) }
        var headers: [(String, JSONValue)] = [(name("Content-Type"), value("application/json"))]
        if let eventHeader { headers.append((name("X-HelpScout-Event"), value(eventHeader))) }
        if let signature { headers.append((name("X-HelpScout-Signature"), value(signature))) }
        headers.append((name("User-Agent"), value("Help Scout/Webhooks")))
        var members: [(String, JSONValue)] = []
        if let id { members.append(("id", .string(id))) }
        if let receivedAt { members.append(("receivedAt", .string(receivedAt))) }
        members.append(("headers", .object(headers)))
        if isBase64Encoded {
            members.append(("isBase64Encoded", .bool(true)))
            members.append(("body", .string(Base64.encode(body))))
        } else {
            members.append(("body", .string(String(decoding: body, as: UTF8.self))))
        }
        return JSONValue.object(members).serialized(style)
    }
}
