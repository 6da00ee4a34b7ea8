using BatchApi.Simulator.Recording;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Sync;

/// <summary>
/// A steady sync reads close to what can change: its page fits the batches above its boundary and the recent rate of
/// new ones, grows when a burst leaves it short, and the bytes it reads are counted. Asserted from the simulator's
/// request log (the limit asked for, the bytes it sent) over real HTTP.
/// </summary>
public sealed class SteadySyncBytesTests
{
    private const int History = 20_000;
    private const int Running = 5;

    /// <summary>20,000 ended batches over the 5 days before yesterday, and 5 running batches created now.</summary>
    private static Task<ExporterHarness> StartAsync() => ExporterHarness.StartAsync((sim, time) =>
    {
        Scenarios.SeedHistory(sim.DefaultWorkspace, History, TimeSpan.FromDays(5));
        time.Advance(TimeSpan.FromDays(1));
        for (var i = 0; i < Running; i++)
        {
            sim.DefaultWorkspace.CreateBatch(10, BatchPlan.NeverFinishes);
            time.Advance(TimeSpan.FromSeconds(1));
        }
    });

    private static IEnumerable<LoggedRequest> ListRequests(ExporterHarness h) => h.Simulator.Log.Entries.Where(e => e.Endpoint == "list");

    [Fact]
    public async Task SteadySync_FiveRunningIn20k_OneCallOfTenBatchesWithinFourTimesTheFloor()
    {
        await using var h = await StartAsync();
        var first = ListRequests(h).ToList();
        Assert.Equal(21, first.Count); // the first sync: 20,005 batches in pages of 1,000
        Assert.All(first, e => Assert.Equal("1000", e.Query["limit"]));
        var bytesPerBatch = (double)first.Sum(e => e.ResponseBytes!.Value) / (History + Running);

        for (var i = 0; i < 3; i++)
        {
            var before = h.ListCalls;
            await h.SyncAsync();
            Assert.True(h.Status.Up, h.Status.LastFailureMessage);
            var steady = Assert.Single(ListRequests(h).Skip(before));

            // 5 above the boundary (the oldest running batch), 1 new expected in a minute at the last hour's rate, 4 of headroom.
            Assert.Equal("10", steady.Query["limit"]);
            Assert.False(steady.Query.ContainsKey("after_id"));
            var floor = Running * bytesPerBatch;
            Assert.True(steady.ResponseBytes <= 4 * floor, $"{steady.ResponseBytes} bytes read, floor {floor:0}");
        }

        Assert.Equal(History + Running, h.Status.Ledger.Tracked);
    }

    [Fact]
    public async Task ApiResponseBytes_EverySync_EqualsTheBytesTheSimulatorSent()
    {
        await using var h = await StartAsync();
        await h.SyncAsync();
        await h.SyncAsync();

        var metrics = await h.ScrapeParsedAsync();

        var sent = h.Simulator.Log.Bytes("list");
        Assert.Equal(23, h.ListCalls);
        Assert.True(sent > 20_000 * 300, $"{sent} bytes");
        Assert.Equal(sent, metrics.Value("anthropic_batch_exporter_api_response_bytes_total", ("endpoint", "list")));
        Assert.Equal(23, metrics.Value("anthropic_batch_exporter_api_requests_total", ("endpoint", "list"), ("code", "200")));
    }

    [Fact]
    public async Task SteadySync_BurstAboveTheBoundary_NextPageGrowsFourfoldAndEveryNewBatchIsTracked()
    {
        await using var h = await StartAsync();
        for (var i = 0; i < 30; i++)
        {
            h.Workspace.CreateBatch(3, BatchPlan.NeverFinishes);
        }

        var before = h.ListCalls;
        await h.SyncAsync();

        var burst = ListRequests(h).Skip(before).ToList();
        Assert.Equal(["10", "40"], burst.Select(e => e.Query["limit"]));
        Assert.Equal(2, h.Status.LastSyncCalls);
        Assert.Equal(History + Running + 30, h.Status.Ledger.Tracked);
        Assert.Equal(Running + 30, (await h.ScrapeParsedAsync()).Value("anthropic_batches", ("processing_status", "in_progress")));

        before = h.ListCalls;
        await h.SyncAsync();

        // 35 above the boundary, 1 new expected at the last hour's rate, a quarter of headroom: one call again.
        Assert.Equal("45", Assert.Single(ListRequests(h).Skip(before)).Query["limit"]);
    }
}
