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
    public void TryParse_NotRfc3339_Fails(string text) =>
        Assert.False(Rfc3339.TryParseUtcTicks(Encoding.UTF8.GetBytes(text), out _));
}
