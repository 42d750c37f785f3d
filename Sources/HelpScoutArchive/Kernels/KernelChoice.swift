import CJSONKernels

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which code the hot loops run: the Swift loops, which run on any CPU, or the AVX-512 kernels of
/// the C target `CJSONKernels` (the JSON string copy and structural index, base64, the body
/// fingerprint), which do the same work 64 bytes at a time.
///
/// The one place that asks the CPU. A choice is `scalar` or `best`, so none can run the kernels on
/// a CPU without the features they are built for: those are listed once, as `HS_KERNEL_FEATURES` in
/// Sources/CJSONKernels/kernels_common.h, which both compiles the kernels and checks the CPU.
package struct KernelChoice: Sendable, Equatable, CustomStringConvertible {
    /// Whether the kernels run.
    package let runsKernels: Bool

    private init(runsKernels: Bool) {
        self.runsKernels = runsKernels
    }

    /// The Swift loops, on any CPU.
    package static let scalar = KernelChoice(runsKernels: false)
    /// The kernels where this CPU has their features, else the Swift loops.
    package static let best = KernelChoice(runsKernels: hs_json_kernels_available())
    /// What a run uses: `best`, unless `HSARCHIVE_SCALAR_JSON` is set (to compare the two).
    package static let configured = getenv("HSARCHIVE_SCALAR_JSON") == nil ? best : scalar

    /// The choices that run different code on this CPU, for tests that compare them.
    package static var distinct: [KernelChoice] { best.runsKernels ? [scalar, best] : [scalar] }

    package var description: String { runsKernels ? "kernels" : "scalar" }
}
