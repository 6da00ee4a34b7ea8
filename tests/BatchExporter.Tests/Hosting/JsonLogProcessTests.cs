using System.Text.Json;
using BatchApi.Simulator.Hosting;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Hosting;

/// <summary>
/// <c>Logging__Console__FormatterName=json</c> (the chart's <c>logFormat: json</c>) on the real process: every line on
/// stdout is one JSON object, through a successful sync, an authentication failure and HTTP client trace logging, and
/// none holds an API key.
/// </summary>
public sealed class JsonLogProcessTests
{
    private const string Key = "sk-ant-api03-JSONLOG-DISTINCTIVE-r7Kq2Wz";
    private const string WrongKey = "sk-ant-api03-JSONLOG-WRONGKEY-p4Nx8Td";

    [Fact]
    public async Task FormatterNameJson_EveryStdoutLineIsJsonAndNoneHoldsAKey()
    {
        var simulator = new BatchSimulator(TimeProvider.System, new SimulatorOptions { ApiKey = Key, Seed = 11 });
        Scenarios.SeedHistory(simulator.DefaultWorkspace, 20, TimeSpan.FromDays(1));
        await using var server = await SimulatorServer.StartAsync(simulator);
        var baseUrl = server.BaseUrl.ToString();

        await using var exporter = ExporterProcess.Start([], new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
            ["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true",
            ["Logging__LogLevel__Default"] = "Debug",
            ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Trace", // request headers, x-api-key among them (redacted)
            ["Exporter__Sources__0__Name"] = "good",
            ["Exporter__Sources__0__ApiKey"] = Key,
            ["Exporter__Sources__0__BaseUrl"] = baseUrl,
            ["Exporter__Sources__1__Name"] = "wrong",
            ["Exporter__Sources__1__ApiKey"] = WrongKey, // 401: a warning with the failure
            ["Exporter__Sources__1__BaseUrl"] = baseUrl,
            ["Exporter__MaxRequestsPerMinute"] = "1000",
        });
        await exporter.WaitForOkAsync("/synced", TimeSpan.FromSeconds(60));
        Assert.Contains("anthropic_up{workspace=\"good\"} 1", await exporter.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);
        exporter.Terminate();
        Assert.Equal(0, await exporter.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var lines = exporter.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var entries = new List<JsonElement>();
        foreach (var line in lines)
        {
            Assert.True(line.StartsWith('{'), $"not a JSON object: {line}");
            using var doc = JsonDocument.Parse(line); // throws on a line that is not JSON
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
            entries.Add(doc.RootElement.Clone());
        }

        Assert.All(entries, e =>
        {
            Assert.True(DateTimeOffset.TryParse(e.GetProperty("Timestamp").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("Category").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("LogLevel").GetString()));
            Assert.True(e.TryGetProperty("Message", out _));
        });
        Assert.Contains(entries, e => e.GetProperty("LogLevel").GetString() == "Warning" && e.GetProperty("Message").GetString()!.Contains("wrong", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.GetProperty("LogLevel").GetString() == "Trace"
            && e.GetProperty("Category").GetString()!.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal)
            && e.GetRawText().Contains("x-api-key", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(entries, e => e.GetProperty("Category").GetString() == "Microsoft.Hosting.Lifetime");
        foreach (var output in new[] { exporter.StandardOutput, exporter.StandardError })
        {
            Assert.DoesNotContain("DISTINCTIVE", output, StringComparison.Ordinal);
            Assert.DoesNotContain("WRONGKEY", output, StringComparison.Ordinal);
        }

        Assert.Equal(string.Empty, exporter.StandardError);
    }
}
