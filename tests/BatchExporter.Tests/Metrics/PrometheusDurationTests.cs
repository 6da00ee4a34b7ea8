using BatchExporter.Metrics;

namespace BatchExporter.Tests.Metrics;

/// <summary>The <c>within</c> label of <c>anthropic_batches_expiring</c>: a threshold as a Prometheus duration, largest unit first, zero parts left out.</summary>
public sealed class PrometheusDurationTests
{
    [Theory]
    [InlineData("00:00:00", "0s")]
    [InlineData("00:00:00.250", "250ms")]
    [InlineData("00:00:01.500", "1s500ms")]
    [InlineData("00:00:45", "45s")]
    [InlineData("00:01:00", "1m")]
    [InlineData("00:01:30", "1m30s")]
    [InlineData("01:00:00", "1h")]
    [InlineData("01:30:00", "1h30m")]
    [InlineData("01:00:05", "1h5s")]
    [InlineData("1.00:00:00", "24h")]
    [InlineData("7.00:00:00", "168h")]
    [InlineData("2.03:04:05.006", "51h4m5s6ms")]
    public void Format_Threshold_IsTheShortestPrometheusDuration(string value, string expected) =>
        Assert.Equal(expected, PrometheusDuration.Format(TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
}
