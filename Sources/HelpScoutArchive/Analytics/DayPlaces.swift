/// The days of a time zone a metric has counted, numbered in the order first counted, so that its
/// figures can live in arrays by place. Instants come in runs on the same day: the day numbered
/// last is kept with its instants (`ReportTimeZone.daySpan`), and an instant in them needs neither
/// a day's look-up nor a hash.
struct DayPlaces {
    private let timeZone: ReportTimeZone
    /// The days numbered, each at its place.
    private(set) var days: [Int] = []
    private var places: [Int: Int] = [:]
    private var last = (instants: Int64(0)..<0, place: 0)

    init(timeZone: ReportTimeZone) { self.timeZone = timeZone }

    /// The place of the day `milliseconds` is on, numbered when new.
    mutating func place(at milliseconds: Int64) -> Int {
        if last.instants.contains(milliseconds) { return last.place }
        let (day, instants) = timeZone.daySpan(Timestamp(milliseconds: milliseconds))
        let place = place(ofDay: day)
        last = (instants, place)
        return place
    }

    /// The place of `day`, numbered when new.
    mutating func place(ofDay day: Int) -> Int {
        if let place = places[day] { return place }
        places[day] = days.count
        days.append(day)
        return days.count - 1
    }

    /// The place of `day`, nil when it was not counted.
    func existingPlace(ofDay day: Int) -> Int? { places[day] }
}
