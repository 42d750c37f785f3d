import CJSONKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The AVX-512 kernels (the C target `CJSONKernels`), used where the CPU has them; the Swift
/// scanners do the same work eight bytes at a time everywhere else.
enum JSONKernels {
    /// Whether this CPU runs the kernels (AVX-512 BW and VBMI2).
    static let cpuHasKernels = hs_json_kernels_available()
    /// Whether to use them: `HSARCHIVE_SCALAR_JSON=1` turns them off, to compare.
    static let isAvailable = cpuHasKernels && getenv("HSARCHIVE_SCALAR_JSON") == nil

    /// Copies a string's content from `p` to `o` while only `\"`, `\\` and `\/` escapes occur,
    /// leaving both at the first byte that needs the caller. `o` needs room for `end - p + 64` bytes.
    @inline(__always)
    static func copyString(
        _ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ o: inout UnsafeMutablePointer<UInt8>,
        _ resolvedEscape: inout Bool
    ) {
        var source: UnsafePointer<UInt8>? = p
        var destination: UnsafeMutablePointer<UInt8>? = o
        hs_json_copy_string(&source, end, &destination, &resolvedEscape)
        p = source!
        o = destination!
    }
}
