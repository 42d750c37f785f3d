extension Finding {
    /// The finding as one JSON object on a line, for `verify --format json`: `file`, `line`,
    /// `status`, `reason`, `delivery_id`, `event_type` (null when the line gave none). Every string
    /// is escaped for JSON, hidden and control characters included.
    /// - Parameter file: the input's name as the output should carry it.
    package func jsonLine(file: String) -> String {
        return "{\"file\":\(file.jsonQuoted),\"line\":\(position.line),\"status\":\(status.rawValue.jsonQuoted),"
            + "\"reason\":\(reason.jsonQuoted),\"delivery_id\":\(deliveryId.jsonQuotedOrNull),"
            + "\"event_type\":\(eventType.jsonQuotedOrNull)}\n"
    }
}
