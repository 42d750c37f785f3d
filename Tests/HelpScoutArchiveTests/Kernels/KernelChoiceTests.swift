import CJSONKernels
import Testing

@testable import HelpScoutArchive

extension Trait where Self == ConditionTrait {
    /// For tests that compare the kernels with the Swift loops: on a CPU without the kernels'
    /// features both choices run the Swift loops, and the comparison would prove nothing.
    static var whereTheKernelsRun: Self {
        .enabled(if: KernelChoice.best.runsKernels, "this CPU lacks the kernels' features: only the Swift loops run")
    }
}

@Suite struct KernelChoiceTests {
    @Test func onlyTheBestChoiceRunsTheKernelsAndOnlyWhereTheCPUHasThem() {
        #expect(!KernelChoice.scalar.runsKernels)
        #expect(KernelChoice.best.runsKernels == hs_json_kernels_available())
        #expect(KernelChoice.distinct.first == .scalar)
        #expect(KernelChoice.distinct.count == (KernelChoice.best.runsKernels ? 2 : 1))
    }
}
