using BatchExporter.Options;

namespace BatchExporter.Tests.Options;

public sealed class DurationFormatTests
{
    public static TheoryData<string, TimeSpan> Valid => new()
    {
        { "30s", TimeSpan.FromSeconds(30) },
        { "5m", TimeSpan.FromMinutes(5) },
        { "1h", TimeSpan.FromHours(1) },
        { "7d", TimeSpan.FromDays(7) },
        { "1h30m", TimeSpan.FromMinutes(90) },
        { "90m", TimeSpan.FromMinutes(90) },
        { "2w", TimeSpan.FromDays(14) },
        { "1y", TimeSpan.FromDays(365) },
        { "1m500ms", TimeSpan.FromMilliseconds(60_500) },
        { "1d2h3m4s5ms", new TimeSpan(1, 2, 3, 4, 5) },
        { "0", TimeSpan.Zero },
        { " 25h ", TimeSpan.FromHours(25) },
        { "00:05:00", TimeSpan.FromMinutes(5) },
        { "7.00:00:00", TimeSpan.FromDays(7) },
        { "-1.00:00:00", TimeSpan.FromDays(-1) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_PrometheusOrTimeSpanForm_ReturnsTheDuration(string text, TimeSpan expected)
    {
        Assert.True(DurationFormat.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5 minutes")]
    [InlineData("1.5h")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("-5m")]
    [InlineData("5x")]
    [InlineData("h")]
    [InlineData("99999999999999d")]
    public void TryParse_NeitherForm_ReturnsFalse(string text)
    {
        Assert.False(DurationFormat.TryParse(text, out _));
    }

    [Theory]
    [InlineData("1h30m", "1h30m")]
    [InlineData("90s", "1m30s")]
    [InlineData("7d", "7d")]
    [InlineData("00:00:00.250", "250ms")]
    [InlineData("-1.00:00:00", "-1d")]
    [InlineData("0", "0s")]
    public void Format_AnyDuration_PrometheusFormThatParsesBack(string text, string expected)
    {
        Assert.True(DurationFormat.TryParse(text, out var value));

        var formatted = DurationFormat.Format(value);

        Assert.Equal(expected, formatted);
        if (value >= TimeSpan.Zero)
        {
            Assert.True(DurationFormat.TryParse(formatted, out var again));
            Assert.Equal(value, again);
        }
    }
}
