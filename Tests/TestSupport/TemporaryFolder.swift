// Testing is there when tests are built; a plain `swift build -c release` also builds this target,
// and then it holds nothing.
#if canImport(Testing)
    import Foundation
    import Testing

    /// A fresh temporary folder for each test that asks for one with `@Test(.temporaryFolder)`
    /// (for each case of a parameterised test), removed when the test ends, however it ends.
    ///
    /// One trait instead of a `defer` in every test: a test cannot forget the removal, and a folder that
    /// cannot be removed fails the test instead of piling up in /tmp.
    public struct TemporaryFolder: TestTrait, TestScoping {
        @TaskLocal private static var current: String?

        /// The running test's folder.
        public static var path: String {
            guard let current else {
                fatalError("TemporaryFolder.path is set only in a test marked @Test(.temporaryFolder)")
            }
            return current
        }

        public func provideScope(
            for test: Test, testCase: Test.Case?,
            performing function: @Sendable () async throws -> Void
        ) async throws {
            let path = NSTemporaryDirectory() + "hsarchive-tests-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            defer {
                do { try FileManager.default.removeItem(atPath: path) } catch {
                    Issue.record("could not remove the temporary folder \(path): \(error)")
                }
            }
            try await Self.$current.withValue(path) { try await function() }
        }
    }

    extension Trait where Self == TemporaryFolder {
        /// Runs the test with a temporary folder of its own, `TemporaryFolder.path`, removed afterwards.
        public static var temporaryFolder: Self { Self() }
    }
#endif
