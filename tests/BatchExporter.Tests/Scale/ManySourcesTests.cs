using System.Globalization;
using BatchApi.Simulator.Faults;
using BatchApi.Simulator.Hosting;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Sync;
using BatchExporter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BatchExporter.Tests.Scale;

/// <summary>20 sources in one process: independent schedules and failures; one bad key or one hung workspace delays nobody.</summary>
public sealed class ManySourcesTests
{
    private const int Good = 18;

    [Fact]
    public async Task TwentySources_BadKeyAndHungWorkspace_OthersSyncOnSchedule()
    {
        await using var hung = await SimulatorServer.StartAsync(new BatchSimulator(TimeProvider.System, new SimulatorOptions { ApiKey = "k" }));
        hung.Simulator.Faults.Enqueue(SimulatedFault.Hang(), int.MaxValue);

        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < Good; i++)
        {
            settings[$"Exporter:Sources:{i}:Name"] = Name(i);
            settings[$"Exporter:Sources:{i}:ApiKey"] = "{key}";
            settings[$"Exporter:Sources:{i}:BaseUrl"] = "{simulator}";
            settings[$"Exporter:Sources:{i}:WorkspaceId"] = "wrkspc_" + Name(i);
        }

        settings[$"Exporter:Sources:{Good}:Name"] = "bad-key";
        settings[$"Exporter:Sources:{Good}:ApiKey"] = "sk-ant-revoked";
        settings[$"Exporter:Sources:{Good}:BaseUrl"] = "{simulator}";
        settings[$"Exporter:Sources:{Good + 1}:Name"] = "hung";
        settings[$"Exporter:Sources:{Good + 1}:ApiKey"] = "k";
        settings[$"Exporter:Sources:{Good + 1}:BaseUrl"] = hung.BaseUrl.ToString();

        await using var h = await ExporterHarness.StartAsync(
            (sim, _) =>
            {
                for (var i = 0; i < Good; i++)
                {
                    Scenarios.SeedHistory(sim.AddWorkspace("wrkspc_" + Name(i)), i + 1, TimeSpan.FromDays(1), seed: i);
                }
            },
            settings,
            waitForFirstSync: false);
        var pollers = h.App.Services.GetRequiredService<SyncScheduler>().Pollers;
        Assert.Equal(20, pollers.Count);

        await WaitAsync(() => pollers.Take(Good + 1).All(p => p.Cycles >= 1));
        Assert.Equal(0, pollers[Good + 1].Cycles); // still hung in its first call

        var m = await h.ScrapeParsedAsync();
        for (var i = 0; i < Good; i++)
        {
            Assert.Equal(1, m.Value("anthropic_up", ("workspace", Name(i))));
            Assert.Equal(i + 1, m.Value("anthropic_batches", ("workspace", Name(i)), ("processing_status", "ended")));
        }

        Assert.Equal(0, m.Value("anthropic_up", ("workspace", "bad-key")));
        Assert.Equal(1, m.Value("anthropic_batch_exporter_sync_errors_total", ("workspace", "bad-key"), ("reason", "auth")));
        Assert.Equal(0, m.Value("anthropic_up", ("workspace", "hung")));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await h.Http.GetAsync("/synced")).StatusCode); // one source still hung in its first sync

        h.Time.Advance(ExporterHarness.DefaultPollInterval);
        await WaitAsync(() => pollers.Take(Good).All(p => p.Cycles >= 2));
        var perWorkspace = h.Simulator.Log.Entries.Where(e => e.Endpoint == "list" && e.WorkspaceId is not null).GroupBy(e => e.WorkspaceId).ToList();
        Assert.Equal(Good, perWorkspace.Count); // each source's anthropic-workspace-id header selected its workspace
        Assert.All(perWorkspace, g => Assert.Equal(2, g.Count()));
    }

    private static string Name(int i) => "w" + i.ToString("D2", CultureInfo.InvariantCulture);

    private static async Task WaitAsync(Func<bool> condition) =>
        Assert.True(await Eventually.TrueAsync(condition, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(10)), "sources did not sync in time");
}
