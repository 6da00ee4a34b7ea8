namespace BatchExporter.Api;

/// <summary>The RFC 3339 <c>date-time</c> grammar over UTF-8 bytes.</summary>
internal static class Rfc3339
{
    private static readonly long MaxOffsetTicks = TimeSpan.FromHours(14).Ticks;

    /// <summary>
    /// Parses to UTC ticks without building intermediate <see cref="DateTimeOffset"/> values: a list page carries
    /// three or four timestamps per batch, so this runs millions of times in a large first sync.
    /// </summary>
    public static bool TryParseUtcTicks(ReadOnlySpan<byte> s, out long utcTicks)
    {
        utcTicks = 0;
        // yyyy-MM-ddTHH:mm:ss is 19 bytes, then optional .fraction, then Z or ±hh:mm.
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] | 0x20) != 't' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits2(s, 0, out var century) || !Digits2(s, 2, out var yearOfCentury) || !Digits2(s, 5, out var month) || !Digits2(s, 8, out var day)
            || !Digits2(s, 11, out var hour) || !Digits2(s, 14, out var minute) || !Digits2(s, 17, out var second))
        {
            return false;
        }

        var i = 19;
        long fraction = 0;
        if (s[i] == '.')
        {
            i++;
            var start = i;
            var scale = TimeSpan.TicksPerSecond;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                scale /= 10;
                fraction += (s[i] - '0') * scale;
                i++;
            }

            if (i == start || i - start > 9)
            {
                return false;
            }
        }

        long offset;
        var rest = s[i..];
        if (rest.Length == 1 && (rest[0] | 0x20) == 'z')
        {
            offset = 0;
        }
        else if (rest.Length == 6 && rest[0] is (byte)'+' or (byte)'-' && rest[3] == ':'
            && Digits2(rest, 1, out var offHours) && Digits2(rest, 4, out var offMinutes) && offHours < 24 && offMinutes < 60)
        {
            offset = (offHours * 60L + offMinutes) * TimeSpan.TicksPerMinute;
            if (offset > MaxOffsetTicks)
            {
                return false;
            }

            if (rest[0] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        var year = (century * 100) + yearOfCentury;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fraction - offset;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utcTicks = ticks;
        return true;
    }

    private static bool Digits2(ReadOnlySpan<byte> s, int at, out int value)
    {
        uint tens = (uint)(s[at] - '0'), ones = (uint)(s[at + 1] - '0');
        value = (int)((tens * 10) + ones);
        return tens <= 9 && ones <= 9;
    }
}
