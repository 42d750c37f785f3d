/// The threads a decoder has already decoded, so the copies that every later event of a
/// conversation carries are not decoded and sent again.
///
/// A direct-mapped table of a fixed size: a thread whose slot was taken by another is simply sent
/// again, which the fact store de-duplicates anyway. Keyed by conversation and thread, because a
/// thread id is only trusted within its conversation.
struct SentThreads {
    private static let slots = 1 << 16
    private var conversations = [Int64](repeating: Int64.min, count: slots)
    private var threads = [Int64](repeating: Int64.min, count: slots)

    /// Notes the thread; returns false when it was noted before.
    mutating func insert(conversation: Int64, thread: Int64) -> Bool {
        let mixed = UInt64(bitPattern: conversation) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: thread) &* 0xC2B2_AE3D_27D4_EB4F
        let slot = Int(truncatingIfNeeded: mixed >> 48)
        if conversations[slot] == conversation && threads[slot] == thread { return false }
        conversations[slot] = conversation
        threads[slot] = thread
        return true
    }
}
