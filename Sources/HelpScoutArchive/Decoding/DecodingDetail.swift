/// How much of each verified body to decode.
public enum DecodingDetail: Sendable, CaseIterable {
    /// Only what a status needs (the body is an object with its event type, time and required id);
    /// every payload is `.unanalysed`. For `verify`.
    case statuses
    /// Every field, every thread of every event. For `report` and `events`.
    case complete
}
