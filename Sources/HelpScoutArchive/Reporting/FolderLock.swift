#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on a lock file, held as long as this lives (and released by the kernel
/// when the process ends, however it ends). The file is created empty if missing and never removed:
/// removing a lock file lets two runs lock two different files.
final class FolderLock {
    private let descriptor: Int32

    /// Takes the lock, waiting for another holder to release it.
    /// - Parameter whileWaiting: called once, before waiting, when the lock is held elsewhere.
    init(path: RawPath, folderName: String, whileWaiting: () -> Void) throws(ReportFolderError) {
        let fd = path.withCString { open($0, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644) }
        guard fd >= 0 else {
            throw .cannotLock(folderName, reason: "cannot open \(path.displayName): \(FileSystem.lastError)")
        }
        descriptor = fd
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return }
        guard errno == EWOULDBLOCK else { throw .cannotLock(folderName, reason: FileSystem.lastError) }
        whileWaiting()
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw .cannotLock(folderName, reason: FileSystem.lastError) }
        }
    }

    deinit { close(descriptor) }
}
