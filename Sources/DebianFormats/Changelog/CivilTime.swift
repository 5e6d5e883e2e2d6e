/// A Unix time broken down into UTC calendar fields (proleptic Gregorian), without Foundation.
public struct CivilTime: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    /// Breaks `timestamp` (seconds since the Unix epoch, may be negative) down in UTC.
    public init(timestamp: Int) {
        let days = timestamp >= 0 ? timestamp / 86_400 : (timestamp - 86_399) / 86_400
        let seconds = timestamp - days * 86_400
        (year, month, day) = RFC2822Date.civil(fromDays: days)
        hour = seconds / 3600
        minute = seconds % 3600 / 60
        second = seconds % 60
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var iso8601: String {
        "\(Self.padded(year, 4))-\(Self.padded(month))-\(Self.padded(day))T\(Self.padded(hour)):\(Self.padded(minute)):\(Self.padded(second))Z"
    }

    /// `YYYYmmddHHMMSS` (mini-buildd's rebuild stamp).
    public var compactStamp: String {
        "\(Self.padded(year, 4))\(Self.padded(month))\(Self.padded(day))\(Self.padded(hour))\(Self.padded(minute))\(Self.padded(second))"
    }

    /// `n` with leading zeros to `width` digits.
    public static func padded(_ n: Int, _ width: Int = 2) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
