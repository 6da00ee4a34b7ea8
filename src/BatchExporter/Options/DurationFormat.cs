using System.Globalization;
using System.Text;

namespace BatchExporter.Options;

/// <summary>
/// Durations as configuration writes them: Prometheus form (<c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>7d</c>; units
/// <c>y w d h m s ms</c>, largest first, each at most once, as Prometheus' own <c>model.ParseDuration</c>) or .NET
/// <see cref="TimeSpan"/> form (<c>00:05:00</c>, <c>7.00:00:00</c>).
/// </summary>
internal static class DurationFormat
{
    private static readonly (string Unit, TimeSpan Length)[] Units =
    [
        ("y", TimeSpan.FromDays(365)),
        ("w", TimeSpan.FromDays(7)),
        ("d", TimeSpan.FromDays(1)),
        ("h", TimeSpan.FromHours(1)),
        ("m", TimeSpan.FromMinutes(1)),
        ("s", TimeSpan.FromSeconds(1)),
        ("ms", TimeSpan.FromMilliseconds(1)),
    ];

    /// <summary>Parses either form; false for anything else (no exception).</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            value = default;
            return false;
        }

        return TryParsePrometheus(text, out value) || TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Formats <paramref name="value"/> in Prometheus form: <c>1h30m</c>, <c>7d</c>, <c>-5s</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder(value < TimeSpan.Zero ? "-" : string.Empty);
        var rest = value.Duration();
        foreach (var (unit, length) in Units.AsSpan(2)) // days and below: what a reader expects of 24h or 7d
        {
            var count = rest.Ticks / length.Ticks;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                rest -= TimeSpan.FromTicks(count * length.Ticks);
            }
        }

        return text.ToString();
    }

    private static bool TryParsePrometheus(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text == "0")
        {
            return true; // Prometheus' one unit-less duration
        }

        var next = 0; // index into Units: each unit at most once, largest first
        var position = 0;
        while (position < text.Length)
        {
            var digits = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            if (position == digits || !long.TryParse(text.AsSpan(digits, position - digits), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return false;
            }

            var unit = text[position..].StartsWith("ms", StringComparison.Ordinal) ? "ms" : position < text.Length ? text[position].ToString() : string.Empty;
            var index = Array.FindIndex(Units, next, u => u.Unit == unit);
            if (index < 0 || count > TimeSpan.MaxValue.Ticks / Units[index].Length.Ticks || value.Ticks > TimeSpan.MaxValue.Ticks - (count * Units[index].Length.Ticks))
            {
                return false;
            }

            value += TimeSpan.FromTicks(count * Units[index].Length.Ticks);
            next = index + 1;
            position += unit.Length;
        }

        return true;
    }
}
