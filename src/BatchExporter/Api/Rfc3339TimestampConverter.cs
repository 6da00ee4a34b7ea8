using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BatchExporter.Api;

/// <summary>
/// Reads RFC 3339 timestamps with 0 to 9 fraction digits (the API's precision varies; .NET's own parser stops at 7)
/// and a <c>Z</c> or <c>±hh:mm</c> offset. Digits past the 100 ns tick are truncated.
/// </summary>
internal sealed class Rfc3339TimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueIsEscaped)
        {
            throw new JsonException("expected an RFC 3339 timestamp string");
        }

        return Rfc3339.TryParse(reader.ValueSpan, out var value)
            ? value
            : throw new JsonException("invalid RFC 3339 timestamp");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}

/// <summary>The nullable form of <see cref="Rfc3339TimestampConverter"/>; JSON <c>null</c> reads as no value.</summary>
internal sealed class NullableRfc3339TimestampConverter : JsonConverter<DateTimeOffset?>
{
    private static readonly Rfc3339TimestampConverter Inner = new();

    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(DateTimeOffset), options);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteStringValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>The RFC 3339 <c>date-time</c> grammar over UTF-8 bytes.</summary>
internal static class Rfc3339
{
    public static bool TryParse(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        // yyyy-MM-ddTHH:mm:ss is 19 bytes, then optional .fraction, then Z or ±hh:mm.
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] | 0x20) != 't' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        var i = 19;
        long ticks = 0;
        if (s[i] == '.')
        {
            i++;
            var start = i;
            var scale = TimeSpan.TicksPerSecond;
            while (i < s.Length && s[i] is >= (byte)'0' and <= (byte)'9')
            {
                scale /= 10;
                ticks += (s[i] - '0') * scale;
                i++;
            }

            if (i == start || i - start > 9)
            {
                return false;
            }
        }

        TimeSpan offset;
        var rest = s[i..];
        if (rest.Length == 1 && (rest[0] | 0x20) == 'z')
        {
            offset = TimeSpan.Zero;
        }
        else if (rest.Length == 6 && rest[0] is (byte)'+' or (byte)'-' && rest[3] == ':'
            && Digits(rest.Slice(1, 2), out var offHours) && Digits(rest.Slice(4, 2), out var offMinutes) && offHours < 24 && offMinutes < 60)
        {
            offset = new TimeSpan(offHours, offMinutes, 0);
            if (rest[0] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        try
        {
            value = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks).ToUniversalTime();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value) =>
        Utf8Parser.TryParse(s, out value, out var consumed) && consumed == s.Length && s[0] is >= (byte)'0' and <= (byte)'9';
}
