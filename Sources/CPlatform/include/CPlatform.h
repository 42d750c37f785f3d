// Linux calls that Swift cannot reach through Glibc: functions the module does not export
// (renameat2, statx) and variadic ones (prctl, ioctl).
#ifndef HSARCHIVE_CPLATFORM_H
#define HSARCHIVE_CPLATFORM_H

/// Swaps two paths in one step (renameat2 RENAME_EXCHANGE): a reader sees one or the other, never
/// neither. Returns 0, or -1 with errno (EINVAL or ENOSYS where the file system cannot do it).
int hs_rename_exchange(const char *from, const char *to);

/// Renames `from` to `to` only if `to` does not exist (renameat2 RENAME_NOREPLACE). Returns 0, or -1
/// with errno (EEXIST when `to` exists).
int hs_rename_noreplace(const char *from, const char *to);

/// 1 when `path` is the root of a mount (bind mounts included), 0 when it is not, -1 when the kernel
/// cannot tell (statx without STATX_ATTR_MOUNT_ROOT, before Linux 5.8).
int hs_is_mount_root(const char *path);

/// Stops the process from writing a core dump (PR_SET_DUMPABLE 0 and RLIMIT_CORE 0), so the webhook
/// secret in its memory never lands on disk. Returns 0, or -1 when either call failed.
int hs_disable_core_dumps(void);

/// Binds the calling thread to one CPU. The tests use it to share a core with a low-priority run,
/// so that the run makes almost no progress between two things the test watches for.
int hs_bind_thread_to_cpu(int cpu);

/// The width of the terminal on `fd` (ioctl TIOCGWINSZ, variadic), or 0 when it is not a terminal or
/// does not say (a serial console, some CI pseudo-terminals).
int hs_terminal_columns(int fd);

/// Opens a new pseudo-terminal pair (posix_openpt, grantpt, unlockpt, ptsname: not exported to Swift).
/// The tests run hsarchive with standard error on `*terminal` and read what it drew from `*controller`.
/// Returns 0, or -1 with errno.
int hs_open_pseudo_terminal(int *controller, int *terminal);

#endif
