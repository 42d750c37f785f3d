import Testing

@testable import HelpScoutArchive

@Suite struct ResponseBucketTests {
    /// Each bucket holds its lower bound: 15 minutes exactly is in 15-30m, two days exactly in >2d.
    @Test func boundsBelongToTheBucketTheyStart() {
        let minutes: [Double] = [0, 14.99, 15, 29, 30, 60, 119, 120, 180, 360, 720, 1439, 1440, 2879, 2880, 10_000]
        let counts = ResponseBucket.counts(minutes.map { $0 * 60 }.reversed())
        #expect(counts == [2, 2, 1, 2, 1, 1, 1, 2, 2, 2])
        #expect(counts.reduce(0, +) == minutes.count)
        #expect(ResponseBucket.counts([]) == Array(repeating: 0, count: 10))
    }

    @Test func theFileHasEveryBucketOfBothMeasuresWithShares() {
        typealias S = EventScript
        // Replies after 10, 20 and 200 minutes: the first response is the first of them.
        let threads = [
            S.thread(1, .customerMessage, at: 0), S.thread(2, .agentReply, at: 10, by: 301),
            S.thread(3, .customerMessage, at: 100), S.thread(4, .agentReply, at: 120, by: 301),
            S.thread(5, .customerMessage, at: 130), S.thread(6, .agentReply, at: 330, by: 301),
        ]
        let result = S.analytics([
            S.snapshot(.created, at: 0, threads: [threads[0]]),
            S.snapshot(.agentReplyCreated, at: 330, threads: threads),
        ])
        let lines = AnalyticsCSV.responseBuckets(result).split(separator: "\n")
        #expect(lines.first == "metric,bucket,count,pct" && lines.count == 21)
        #expect(lines[1] == "first_response,<15m,1,100.00" && lines[2] == "first_response,15-30m,0,0.00")
        #expect(lines[11] == "response,<15m,1,33.33" && lines[12] == "response,15-30m,1,33.33")
        #expect(lines[16] == "response,3-6h,1,33.33" && lines[20] == "response,>2d,0,0.00")
    }
}
