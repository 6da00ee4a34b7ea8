using BatchApi.Simulator.Faults;
using BatchApi.Simulator.Workloads;
using BatchExporter.Api;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Sync;

/// <summary>
/// When the poller syncs: every poll interval, and after a rejected key (401/403) a doubling interval capped at
/// 5 minutes, which ends with the first success. Asserted from the simulator's request log on the fake clock: each
/// sync is shown not to come a second early, then to come on time.
/// </summary>
public sealed class PollScheduleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task RejectedKey_IntervalDoublesToFiveMinutesThenResetsOnSuccess()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "sk-ant-revoked\n");
            await using var h = await ExporterHarness.StartAsync(
                (sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 5, TimeSpan.FromDays(1)),
                new Dictionary<string, string?> { ["Exporter:Sources:0:ApiKey"] = null, ["Exporter:Sources:0:ApiKeyFile"] = file });
            Assert.Equal(1, h.ListCalls); // first failure; a 401 is not retried

            // After failure n the next sync waits 1, 2, 4, then 5 (not 8), 5 minutes.
            foreach (var minutes in new[] { 1, 2, 4, 5, 5 })
            {
                await NextSyncAfterAsync(h, TimeSpan.FromMinutes(minutes));
                Assert.False(h.Status.Up);
            }

            Assert.Equal(6, h.ListCalls);
            await File.WriteAllTextAsync(file, h.Simulator.ApiKey + "\n");
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(2));
            await NextSyncAfterAsync(h, TimeSpan.FromMinutes(5));
            Assert.True(h.Status.Up, h.Status.LastFailureMessage);

            await NextSyncAfterAsync(h, TimeSpan.FromMinutes(1)); // back to the poll interval
            await NextSyncAfterAsync(h, TimeSpan.FromMinutes(1));
            Assert.Equal(9, h.ListCalls);
            Assert.Equal(6, (await h.ScrapeParsedAsync()).Value("anthropic_batch_exporter_sync_errors_total", ("reason", "auth")));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task RejectedKey_PollIntervalLongerThanTheCap_KeepsThePollInterval()
    {
        await using var h = await ExporterHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Exporter:Sources:0:ApiKey"] = "sk-ant-revoked",
            ["Exporter:PollInterval"] = "00:10:00",
        });

        await NextSyncAfterAsync(h, TimeSpan.FromMinutes(10));
        await NextSyncAfterAsync(h, TimeSpan.FromMinutes(10)); // not 20: the backoff never exceeds max(interval, 5 min)
        Assert.Equal(3, h.ListCalls);
    }

    /// <summary>
    /// A failure that is not about access (here a 413, answered once and not retried) ends the rejected key's backoff:
    /// the next sync comes one poll interval later. (A 402 would not do: a billing stop is an access failure and
    /// keeps backing off.)
    /// </summary>
    [Fact]
    public async Task OtherFailureAfterRejectedKey_ResetsTheBackoff()
    {
        await using var h = await ExporterHarness.StartAsync((sim, _) =>
        {
            sim.Faults.Enqueue(SimulatedFault.Error(401, "authentication_error"), 2, "list");
            sim.Faults.Enqueue(SimulatedFault.RequestTooLarge(), 1, "list");
        });
        Assert.Equal(1, h.ListCalls);

        await NextSyncAfterAsync(h, TimeSpan.FromMinutes(1)); // second 401: the next wait is 2 minutes
        await NextSyncAfterAsync(h, TimeSpan.FromMinutes(2)); // 413: the backoff ends
        Assert.False(h.Status.Up);
        Assert.False(h.Status.LastFailure!.Value.IsAccessFailure(), h.Status.LastFailure.ToString());
        await NextSyncAfterAsync(h, TimeSpan.FromMinutes(1));
        Assert.True(h.Status.Up, h.Status.LastFailureMessage);
        Assert.Equal(4, h.ListCalls);
    }

    /// <summary>Moves the clock to one second before <paramref name="wait"/>, checks no sync came, then moves the last second and waits for it.</summary>
    private static async Task NextSyncAfterAsync(ExporterHarness h, TimeSpan wait)
    {
        var calls = h.ListCalls;
        h.Time.Advance(wait - Second);
        await Task.Delay(100);
        Assert.True(h.ListCalls == calls, $"a sync came before {wait}");
        await h.SyncAsync(Second);
        Assert.Equal(calls + 1, h.ListCalls);
    }
}
