using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Hosting;

/// <summary>Bad configuration stops the real process with exit code 2 and one line naming the key.</summary>
[Trait("Category", "Process")]
public sealed class ConfigurationValidationTests
{
    private const string Key = "sk-ant-test-DISTINCTIVE-7f3a9c";

    public static TheoryData<string[], string, string> Cases => new()
    {
        { [], "", "ANTHROPIC_API_KEY" },
        { ["ANTHROPIC_API_KEY", Key, "Exporter__PollInterval", "00:00:01"], "", "Exporter:PollInterval" },
        { ["ANTHROPIC_API_KEY", Key, "ANTHROPIC_BASE_URL", "not a url"], "", "ANTHROPIC_BASE_URL" },
        { ["ANTHROPIC_API_KEY", Key, "Exporter__Lookback", "-1.00:00:00"], "", "Exporter:Lookback" },
        { ["ANTHROPIC_API_KEY", Key, "Exporter__Lookback", "12:00:00"], "", "Exporter:Lookback" },
        { ["ANTHROPIC_API_KEY", Key, "Exporter__MaxRequestsPerMinuteTotal", "0"], "", "Exporter:MaxRequestsPerMinuteTotal" },
        { ["ANTHROPIC_API_KEY", Key, "Exporter__PerBatchSeries", "sometimes"], "", "Exporter:PerBatchSeries" },
        { ["ANTHROPIC_API_KEY", Key, "Exporter__MaxBatchSeries", "-5"], "", "Exporter:MaxBatchSeries" },
        { ["ANTHROPIC_API_KEY", Key, "Exporter__PolInterval", "00:01:00"], "", "PolInterval" },
        { ["Exporter__Sources__0__Name", "team-a", "Exporter__Sources__0__BaseUrl", "ftp://x"], "", "Exporter:Sources:0:ApiKey" },
        { ["ANTHROPIC_API_KEY_FILE", "/nonexistent/key"], "", "ANTHROPIC_API_KEY_FILE" },
        { ["ANTHROPIC_API_KEY", Key, "Exporter__Shard__Index", "3", "Exporter__Shard__Count", "2"], "", "Exporter:Shard:Index" },
        { ["ANTHROPIC_API_KEY", Key], "--Exporter:PollInterval=soon", "Exporter:PollInterval" },
        { ["ANTHROPIC_API_KEY", Key, "Exporter__PollInterval", "4s"], "", "Exporter:PollInterval" },
        { ["ANTHROPIC_API_KEY", Key, "Exporter__FullResyncInterval", "5 minutes"], "", "Exporter:FullResyncInterval" },
        { ["ANTHROPIC_API_KEY", Key, "Exporter__ExpiringWithin__0", "30h"], "", "Exporter:ExpiringWithin:0" },
        { ["ANTHROPIC_API_KEY", Key, "Exporter__ExpiringWithin__0", "1x"], "", "Exporter:ExpiringWithin:0" },
        { ["Exporter__Demo", "true"], "", "Demo" }, // not an option: it cannot switch off the key check
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Start_InvalidConfiguration_ExitsWithCode2AndOneLineNamingTheKey(string[] environment, string arg, string key)
    {
        var env = new Dictionary<string, string>();
        for (var i = 0; i < environment.Length; i += 2)
        {
            env[environment[i]] = environment[i + 1];
        }

        await using var exporter = ExporterProcess.Start(arg.Length == 0 ? [] : [arg], env);
        var exitCode = await exporter.WaitForExitAsync(TimeSpan.FromSeconds(30));

        var lines = exporter.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, exitCode);
        Assert.Single(lines);
        Assert.StartsWith("configuration error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(key, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", exporter.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, exporter.StandardError + exporter.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidConfiguration_NeitherListensNorSyncs()
    {
        using var api = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0); // where a sync would go
        api.Start();
        var env = new Dictionary<string, string>
        {
            ["ANTHROPIC_API_KEY"] = Key,
            ["ANTHROPIC_BASE_URL"] = $"http://127.0.0.1:{((System.Net.IPEndPoint)api.LocalEndpoint).Port}",
            ["Exporter__MaxBatchSeries"] = "-5",
            ["Logging__LogLevel__Default"] = "Trace",
        };

        await using var exporter = ExporterProcess.Start([], env);
        var exitCode = await exporter.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        Assert.Contains("Exporter:MaxBatchSeries", exporter.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", exporter.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Serving", exporter.StandardOutput, StringComparison.Ordinal); // the scheduler was never built
        Assert.False(api.Pending());
    }

    [Fact]
    public async Task Start_DurationsInPrometheusForm_Serves()
    {
        var env = new Dictionary<string, string>
        {
            ["Exporter__PollInterval"] = "30s",
            ["Exporter__Lookback"] = "2d12h",
            ["Exporter__FullResyncInterval"] = "90m",
            ["Exporter__ExpiringWithin__0"] = "45m",
            ["Exporter__ExpiringWithin__1"] = "1h30m",
        };

        await using var exporter = ExporterProcess.Start(["--demo"], env);
        await exporter.WaitForOkAsync("/synced", TimeSpan.FromSeconds(60));

        var metrics = Exposition.Parse(await exporter.Http.GetStringAsync("/metrics"));
        Assert.Equal(["1h30m", "45m"], metrics.Named("anthropic_batches_expiring").Select(s => s.Labels["within"]).Order());
    }
}
