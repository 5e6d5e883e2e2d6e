/// Dates as debian/changelog trailers write them (`date -R`, `%a, %d %b %Y %H:%M:%S %z` in the C locale),
/// computed without Foundation: civil dates come from Howard Hinnant's days-from-civil algorithms.
public enum RFC2822Date {
    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let fullMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// Formats `timestamp` (seconds since the Unix epoch) as local time at `utcOffsetMinutes` east of UTC,
    /// e.g. `Tue, 25 Nov 2026 16:25:01 +0000`.
    public static func format(timestamp: Int, utcOffsetMinutes: Int = 0) -> String {
        let local = timestamp + utcOffsetMinutes * 60
        let days = floorDiv(local, 86_400)
        let seconds = local - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let weekday = weekdays[((days % 7) + 7 + 4) % 7]  // 1970-01-01 was a Thursday
        let offset = abs(utcOffsetMinutes)
        return "\(weekday), \(pad(day)) \(months[month - 1]) \(year) "
            + "\(pad(seconds / 3600)):\(pad(seconds / 60 % 60)):\(pad(seconds % 60)) "
            + (utcOffsetMinutes < 0 ? "-" : "+") + pad(offset / 60) + pad(offset % 60)
    }

    /// Parses a changelog trailer date the way dpkg does (`Time::Piece->strptime($date, '%d %b %Y %T %z')`
    /// after dropping the optional `Day, `): day 0–31 (0 counts as 1, days past the month's end roll over),
    /// abbreviated month in any case, 4-digit year, hours 0–23, minutes and seconds 0–59, `±hhmm` offset.
    /// - Returns: seconds since the Unix epoch, or `nil` where dpkg reports a non-conformant date.
    public static func parse(_ text: String) -> Int? {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if let first = words.first, first.hasSuffix(",") {
            words.removeFirst()
        } else if let comma = words.first?.firstIndex(of: ","), let first = words.first {
            words[0] = String(first[first.index(after: comma)...])  // "Mon,1 Jan …"
        }
        guard words.count == 5 else { return nil }
        let time = words[3].split(separator: ":", omittingEmptySubsequences: false)
        guard let day = number(words[0], digits: 1...2), day <= 31,
              let month = months.firstIndex(where: { Deb822Text.equalIgnoringASCIICase($0, words[1]) }),
              let year = number(words[2], digits: 4...4),
              time.count == 3,
              let hour = number(String(time[0]), digits: 1...2), hour < 24,
              let minute = number(String(time[1]), digits: 2...2), minute < 60,
              let second = number(String(time[2]), digits: 2...2), second < 60,
              words[4].utf8.count == 5, let sign = words[4].first, sign == "+" || sign == "-",
              let zone = number(String(words[4].dropFirst()), digits: 4...4) else { return nil }
        let offset = (zone / 100) * 3600 + (zone % 100) * 60
        let days = self.days(fromCivil: year, month: month + 1, day: max(day, 1))
        return days * 86_400 + hour * 3600 + minute * 60 + second - (sign == "+" ? offset : -offset)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date; `day` may exceed the month's length.
    static func days(fromCivil year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private static func number(_ s: String, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(s.utf8.count), s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(s)
    }
}
