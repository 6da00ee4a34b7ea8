using System.Text;
using BatchExporter.Api;

namespace BatchExporter.Tests.Api;

public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData("2024-08-20T18:37:24Z", 0)]
    [InlineData("2024-08-20T18:37:24.1Z", 1_000_000)]
    [InlineData("2024-08-20T18:37:24.100435Z", 1_004_350)]
    [InlineData("2024-08-20T18:37:24.1004351Z", 1_004_351)]
    [InlineData("2024-08-20T18:37:24.10043519Z", 1_004_351)]
    [InlineData("2024-08-20T18:37:24.100435199Z", 1_004_351)]
    [InlineData("2024-08-20T20:37:24.100435+02:00", 1_004_350)]
    [InlineData("2024-08-20t18:37:24.100435z", 1_004_350)]
    public void TryParse_ZeroToNineFractionDigitsAndOffsets_GivesUtcTruncatedToTicks(string text, long fractionTicks)
    {
        Assert.True(Rfc3339.TryParseUtcTicks(Encoding.UTF8.GetBytes(text), out var ticks));
        Assert.Equal(new DateTimeOffset(2024, 8, 20, 18, 37, 24, TimeSpan.Zero).AddTicks(fractionTicks).UtcTicks, ticks);
    }

    [Theory]
    [InlineData("2024-08-20 18:37:24Z")]
    [InlineData("2024-08-20T18:37:24")]
    [InlineData("2024-08-20T18:37:24.Z")]
    [InlineData("2024-08-20T18:37:24.1234567890Z")]
    [InlineData("2024-13-20T18:37:24Z")]
    [InlineData("2024-02-30T18:37:24Z")]
    [InlineData("2024-08-20T24:00:00Z")]
    [InlineData("2024-08-20T18:37:24+2:00")]
    [InlineData("")]
    [InlineData("2024-08-20T18:37:24.123")] // fraction runs to the end: no zone
    [InlineData("2024-08-20T18:37:24X")]
    [InlineData("2024-08-20T18:37:24+02:000")]
    [InlineData("2024-08-20T18:37:24*02:00")]
    [InlineData("2024-08-20T18:37:24+00:60")]
    [InlineData("2024-08-20T18:37:24+15:00")] // beyond ±14:00
    [InlineData("2:24-08-20T18:37:24Z")] // a non-digit in the year
    [InlineData("0001-01-01T00:00:00+01:00")] // before DateTime.MinValue in UTC
    [InlineData("9999-12-31T23:59:59-01:00")] // after DateTime.MaxValue in UTC
    public void TryParse_NotRfc3339_Fails(string text) =>
        Assert.False(Rfc3339.TryParseUtcTicks(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("2024-08-21T08:37:24+14:00", "2024-08-20T18:37:24.0000000Z")]
    [InlineData("2024-08-20T13:37:24-05:00", "2024-08-20T18:37:24.0000000Z")]
    [InlineData("2024-08-20T21:07:24+02:30", "2024-08-20T18:37:24.0000000Z")]
    [InlineData("1999-12-31T23:59:59Z", "1999-12-31T23:59:59.0000000Z")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999Z")]
    public void TryParse_OffsetsAndCalendarEdges_GivesUtc(string text, string utc)
    {
        Assert.True(Rfc3339.TryParseUtcTicks(Encoding.UTF8.GetBytes(text), out var ticks));
        Assert.Equal(DateTimeOffset.ParseExact(utc, "o", System.Globalization.CultureInfo.InvariantCulture).UtcTicks, ticks);
    }
}
