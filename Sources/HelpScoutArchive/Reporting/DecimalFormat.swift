/// Fixed-point decimal text, independent of locale: `decimal(2.5, places: 3)` is `2.500`.
func decimal(_ value: Double, places: Int) -> String {
    guard value.isFinite else { return "" }
    var scale: Int64 = 1
    for _ in 0..<places { scale *= 10 }
    let scaled = Int64((abs(value) * Double(scale)).rounded())
    let whole = scaled / scale, fraction = scaled % scale
    let sign = value < 0 && scaled != 0 ? "-" : ""
    guard places > 0 else { return sign + String(whole) }
    let digits = String(fraction)
    return sign + String(whole) + "." + String(repeating: "0", count: places - digits.count) + digits
}
