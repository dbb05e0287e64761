/// The windows of time since baseline a trajectory is counted in (Docs/progression.md,
/// "Trajectories"): window 0 is the baseline itself; a later level t months after it belongs to
/// the window of the nearest multiple k·w of the width w, k = 1 … 4, the last open (4w+).
/// With w = 6: 0, 6 (0 < t < 9), 12 (9 ≤ t < 15), 18 (15 ≤ t < 21), 24+ (t ≥ 21).
public struct TrajectoryWindows: Sendable, Equatable {
    /// The width w in months.
    public let months: Int

    /// Windows 0, w, 2w, 3w and 4w+.
    public static let count = 5
    public static let defaultMonths = 6
    /// The widest window taken (five years).
    public static let maxMonths = 60

    /// nil unless 1 ≤ `months` ≤ `maxMonths`.
    public init?(months: Int) {
        guard (1...Self.maxMonths).contains(months) else { return nil }
        self.months = months
    }

    public static let standard = TrajectoryWindows(uncheckedMonths: defaultMonths)

    private init(uncheckedMonths months: Int) {
        self.months = months
    }

    /// The window of a level `days` after the baseline (days > 0): k = ⌊t/w + ½⌋ clamped to
    /// 1…4, with t = days · 12 / 365.25 months, in exact integers: ⌊(96·days + 1461·w) / (2922·w)⌋.
    @inline(__always)
    public func window(afterDays days: Int32) -> Int {
        let k = (96 * Int(days) + 1461 * months) / (2922 * months)
        return min(Self.count - 1, max(1, k))
    }

    /// The nominal months of window `index` (its k·w).
    public func startMonths(_ index: Int) -> Int { index * months }

    /// "0", "6", …, "24+".
    public func label(_ index: Int) -> String {
        "\(index * months)" + (index == Self.count - 1 ? "+" : "")
    }
}
