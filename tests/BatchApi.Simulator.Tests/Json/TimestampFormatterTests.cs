using System.Globalization;
using System.Text.Json;
using BatchApi.Simulator.Hosting;
using BatchApi.Simulator.Json;
using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Tests.Json;

public sealed class TimestampFormatterTests
{
    private static readonly DateTimeOffset Value = new DateTimeOffset(2024, 8, 20, 18, 37, 24, TimeSpan.Zero).AddTicks(1004350);

    [Theory]
    [InlineData(0, "2024-08-20T18:37:24Z")]
    [InlineData(1, "2024-08-20T18:37:24.1Z")]
    [InlineData(3, "2024-08-20T18:37:24.100Z")]
    [InlineData(6, "2024-08-20T18:37:24.100435Z")]
    [InlineData(7, "2024-08-20T18:37:24.1004350Z")]
    [InlineData(9, "2024-08-20T18:37:24.100435000Z")]
    public void Format_FractionDigits_Rfc3339Utc(int digits, string expected)
    {
        Span<char> buffer = stackalloc char[40];

        var length = TimestampFormatter.Format(Value, digits, buffer);

        Assert.Equal(expected, buffer[..length].ToString());
        Assert.Equal(Value.AddTicks(-(Value.Ticks % (long)Math.Pow(10, 7 - Math.Min(digits, 7)))),
            DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Format_NonUtcOffset_WrittenAsUtc()
    {
        Span<char> buffer = stackalloc char[40];

        var length = TimestampFormatter.Format(new DateTimeOffset(2024, 8, 20, 20, 0, 0, TimeSpan.FromHours(2)), 0, buffer);

        Assert.Equal("2024-08-20T18:00:00Z", buffer[..length].ToString());
    }

    [Fact]
    public async Task Retrieve_VaryingDigitsOption_EachTimestampUsesNextCount()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Value);
        var simulator = new BatchSimulator(time, new SimulatorOptions { ApiKey = SimulatorHost.Key, TimestampFractionDigits = [0, 9, 3] });
        await using var server = await SimulatorServer.StartAsync(simulator);
        var batch = simulator.DefaultWorkspace.CreateBatch(1);
        time.Advance(TimeSpan.FromMinutes(1));
        simulator.DefaultWorkspace.Archive(batch.Id);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        http.DefaultRequestHeaders.Add("x-api-key", SimulatorHost.Key);
        http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");

        var body = JsonDocument.Parse(await http.GetStringAsync($"/v1/messages/batches/{batch.Id}")).RootElement;

        Assert.Equal("2024-08-20T18:38:24Z", body.GetProperty("ended_at").GetString());
        Assert.Equal("2024-08-20T18:37:24.100435000Z", body.GetProperty("created_at").GetString());
        Assert.Equal("2024-08-21T18:37:24.100Z", body.GetProperty("expires_at").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("cancel_initiated_at").ValueKind);
        Assert.Equal("2024-08-20T18:38:24Z", body.GetProperty("archived_at").GetString());
    }
}
