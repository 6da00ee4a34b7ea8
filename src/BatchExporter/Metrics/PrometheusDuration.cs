using System.Globalization;
using System.Text;

namespace BatchExporter.Metrics;

/// <summary>Formats a <see cref="TimeSpan"/> as a Prometheus duration (<c>1h</c>, <c>90m</c>, <c>1h30m</c>, <c>45s</c>).</summary>
internal static class PrometheusDuration
{
    public static string Format(TimeSpan value)
    {
        var text = new StringBuilder();
        Append(text, (long)value.TotalHours, "h");
        Append(text, value.Minutes, "m");
        Append(text, value.Seconds, "s");
        Append(text, value.Milliseconds, "ms");
        return text.Length == 0 ? "0s" : text.ToString();
    }

    private static void Append(StringBuilder text, long amount, string unit)
    {
        if (amount > 0)
        {
            text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
