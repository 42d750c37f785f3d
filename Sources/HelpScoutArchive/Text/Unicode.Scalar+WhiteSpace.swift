extension Unicode.Scalar {
    /// Unicode's White_Space property, as `properties.isWhitespace` gives it, without that table
    /// lookup (it showed in profiles of names such as "Chloé").
    var isWhiteSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
