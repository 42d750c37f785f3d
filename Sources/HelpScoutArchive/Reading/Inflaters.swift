/// The fastest inflater this build has: ISA-L where it was found at build time, else zlib.
package enum Inflaters {
    package static var fastestName: String {
        #if HSARCHIVE_ISAL
            return "ISA-L"
        #else
            return "zlib"
        #endif
    }

    /// Every inflater in this build, by name, so tests can hold them all to the same behaviour.
    package static var available: [(name: String, make: @Sendable () -> Inflater)] {
        var all: [(name: String, make: @Sendable () -> Inflater)] = [("zlib", { GzipStream(ZlibMemberDecoder()) })]
        #if HSARCHIVE_ISAL
            all.append(("ISA-L", { GzipStream(ISALMemberDecoder()) }))
        #endif
        return all
    }

    package static func fastest() -> Inflater {
        #if HSARCHIVE_ISAL
            return GzipStream(ISALMemberDecoder())
        #else
            return GzipStream(ZlibMemberDecoder())
        #endif
    }
}
