using System.Net;
using BatchApi.Simulator.Faults;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Reliability;

/// <summary>The API key never reaches a log line (any level, HTTP client trace logging included), a metric, an endpoint or an error message.</summary>
public sealed class SecretTests
{
    private const string Key = "sk-ant-api03-DISTINCTIVE-q8Zr4VwX2mKp7Ls9";

    [Fact]
    public async Task DistinctiveKey_ThroughSuccessAndEveryFailure_AppearsNowhere()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) =>
            {
                Scenarios.SeedHistory(sim.DefaultWorkspace, 30, TimeSpan.FromDays(1));
                sim.DefaultWorkspace.CreateBatch(3, BatchPlan.NeverFinishes);
            },
            simulatorOptions: new SimulatorOptions { ApiKey = Key, Seed = 3 },
            captureLogs: true);
        Assert.Equal(Key, h.Simulator.ApiKey);
        Assert.True(h.Status.Up);

        var failures = new[]
        {
            SimulatedFault.Error(401, "authentication_error"),
            SimulatedFault.Error(403, "permission_error"),
            SimulatedFault.Malformed(),
            SimulatedFault.Truncated(),
            SimulatedFault.RateLimited(TimeSpan.FromSeconds(90)),
        };
        var seen = new List<string>();
        foreach (var fault in failures)
        {
            h.Simulator.Faults.Enqueue(fault, 1, "list");
            await h.SyncAsync(TimeSpan.FromMinutes(10)); // past any access-failure backoff
            seen.Add(h.Status.LastFailureMessage ?? string.Empty);
        }

        await h.StopSimulatorAsync();
        await h.SyncWhileTimePassesAsync(TimeSpan.FromMilliseconds(100));
        seen.Add(h.Status.LastFailureMessage ?? string.Empty);

        Assert.All(seen, message => Assert.False(string.IsNullOrEmpty(message)));
        var surfaces = new List<string>(seen) { await h.ScrapeAsync(), await h.Http.GetStringAsync("/"), await h.Http.GetStringAsync("/readyz") };
        surfaces.AddRange(h.Logs.Lines);
        Assert.Contains(h.Logs.Lines, l => l.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal) && l.StartsWith("Trace", StringComparison.Ordinal));
        Assert.Contains(h.Logs.Lines, l => l.Contains("x-api-key", StringComparison.OrdinalIgnoreCase));
        Assert.All(surfaces, s => Assert.DoesNotContain("DISTINCTIVE", s, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongKey_OneWarningPerSyncAndBackoffNoHotLoop()
    {
        await using var h = await ExporterHarness.StartAsync(settings: new Dictionary<string, string?> { ["Exporter:Sources:0:ApiKey"] = Key }, captureLogs: true);
        Assert.Equal(1, h.ListCalls); // 401 is not retried

        await h.SyncAsync();                        // second failure: next in 2 min
        Assert.Equal(2, h.ListCalls);
        h.Time.Advance(TimeSpan.FromMinutes(1.5));
        await Task.Delay(200);
        Assert.Equal(2, h.ListCalls);
        await h.SyncAsync(TimeSpan.FromMinutes(0.5));
        Assert.Equal(3, h.ListCalls);

        var warnings = h.Logs.Lines.Where(l => l.StartsWith("Warning BatchExporter", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("(auth)", w, StringComparison.Ordinal));
        Assert.All(h.Logs.Lines, l => Assert.DoesNotContain("DISTINCTIVE", l, StringComparison.Ordinal));
        Assert.Equal(3, (await h.ScrapeParsedAsync()).Value("anthropic_batch_exporter_sync_errors_total", ("reason", "auth")));
    }

    [Fact]
    public async Task KeyFileRotated_NextSyncUsesTheNewKeyWithoutRestart()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "sk-ant-old-revoked\n");
            await using var h = await ExporterHarness.StartAsync(
                (sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 5, TimeSpan.FromDays(1)),
                new Dictionary<string, string?> { ["Exporter:Sources:0:ApiKey"] = null, ["Exporter:Sources:0:ApiKeyFile"] = file });
            Assert.Equal(BatchExporter.Api.SyncFailureReason.Auth, h.Status.LastFailure);

            await File.WriteAllTextAsync(file, h.Simulator.ApiKey + "\n");
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(2));
            await h.SyncAsync();

            Assert.True(h.Status.Up, h.Status.LastFailureMessage);
            Assert.Equal(5, h.Status.Ledger.Tracked);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("basic")]
    public async Task ScrapeAuthentication_Enabled_MetricsNeedCredentialsProbesDoNot(string kind)
    {
        var secret = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(secret, "s3cret-token\n");
            var settings = kind == "bearer"
                ? new Dictionary<string, string?> { ["Exporter:Web:BearerTokenFile"] = secret }
                : new Dictionary<string, string?> { ["Exporter:Web:BasicAuthUsername"] = "prometheus", ["Exporter:Web:BasicAuthPasswordFile"] = secret };
            await using var h = await ExporterHarness.StartAsync(settings: settings);

            using (var anonymous = await h.Http.GetAsync("/metrics"))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
                Assert.NotEmpty(anonymous.Headers.WwwAuthenticate);
            }

            Assert.Equal(HttpStatusCode.Unauthorized, (await h.Http.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await h.Http.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await h.Http.GetAsync("/readyz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await h.Http.GetAsync("/synced")).StatusCode);

            using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            wrong.Headers.Authorization = kind == "bearer" ? new("Bearer", "nope") : new("Basic", Convert.ToBase64String("prometheus:nope"u8.ToArray()));
            Assert.Equal(HttpStatusCode.Unauthorized, (await h.Http.SendAsync(wrong)).StatusCode);

            using var right = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            right.Headers.Authorization = kind == "bearer" ? new("Bearer", "s3cret-token") : new("Basic", Convert.ToBase64String("prometheus:s3cret-token"u8.ToArray()));
            using var ok = await h.Http.SendAsync(right);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Contains("anthropic_up", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }
}
