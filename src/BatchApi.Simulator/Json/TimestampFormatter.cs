using System.Globalization;
using System.Text.Json;

namespace BatchApi.Simulator.Json;

/// <summary>
/// Writes RFC 3339 UTC timestamps (<c>2024-08-20T18:37:24.100435Z</c>) with 0..9 fraction digits, cycling through
/// the configured digit counts timestamp by timestamp. One instance per response.
/// </summary>
internal sealed class TimestampFormatter(IReadOnlyList<int> fractionDigits)
{
    private const int MaxLength = 30;
    private int _written;

    public void Write(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset? value)
    {
        if (value is not { } timestamp)
        {
            writer.WriteNull(name);
            return;
        }

        var digits = fractionDigits[_written++ % fractionDigits.Count];
        Span<char> buffer = stackalloc char[MaxLength];
        writer.WriteString(name, buffer[..Format(timestamp, digits, buffer)]);
    }

    /// <summary>Formats <paramref name="value"/> into <paramref name="destination"/>; returns the length.</summary>
    public static int Format(DateTimeOffset value, int digits, Span<char> destination)
    {
        var utc = value.UtcDateTime;
        utc.TryFormat(destination, out var length, "yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);
        if (digits > 0)
        {
            destination[length++] = '.';
            var nanoseconds = utc.Ticks % TimeSpan.TicksPerSecond * 100;
            for (var divisor = 100_000_000L; digits-- > 0; divisor /= 10)
            {
                destination[length++] = (char)('0' + (nanoseconds / divisor % 10));
            }
        }

        destination[length++] = 'Z';
        return length;
    }
}
