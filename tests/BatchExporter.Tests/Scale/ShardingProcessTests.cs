using System.Globalization;
using BatchExporter.Options;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Scale;

/// <summary>
/// Two exporter processes sharding six workspaces by name hash, and one unsharded process, all against one
/// standalone simulator process: the union of the shards' batch series equals the unsharded process's.
/// </summary>
[Trait("Category", "Process")]
public sealed class ShardingProcessTests
{
    private static readonly string[] Workspaces = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];

    private static readonly string[] StateFamilies =
    [
        "anthropic_batches", "anthropic_batch_requests", "anthropic_batch_status", "anthropic_batch_created_timestamp_seconds",
        "anthropic_batch_expires_timestamp_seconds", "anthropic_batch_request_count", "anthropic_batch_exporter_tracked_batches",
        "anthropic_batch_oldest_active_created_timestamp_seconds",
    ];

    [Fact]
    public async Task TwoShards_UnionOfSeries_EqualsOneUnshardedProcess()
    {
        Assert.All(new[] { 0, 1 }, index => Assert.Contains(Workspaces, w => new ShardOptions { Index = index, Count = 2 }.Serves(w)));

        var port = LoopbackPort.Free();
        await using var simulator = StartSimulator(port);
        using var control = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        await WaitForAsync(async () => (await control.GetAsync("/_sim")).IsSuccessStatusCode);
        for (var w = 0; w < Workspaces.Length; w++)
        {
            (await control.PostAsync($"/_sim/workspaces?id=wrkspc_{Workspaces[w]}", null)).EnsureSuccessStatusCode();
            for (var b = 0; b <= w; b++)
            {
                // Still running for a day: their series stay stable while the three processes sync.
                (await control.PostAsync($"/_sim/batches?requests={10 * (b + 1)}&duration=86400&workspace=wrkspc_{Workspaces[w]}", null)).EnsureSuccessStatusCode();
            }
        }

        await using var all = StartExporter(port, shard: null);
        await using var shard0 = StartExporter(port, shard: 0);
        await using var shard1 = StartExporter(port, shard: 1);
        foreach (var exporter in new[] { all, shard0, shard1 })
        {
            await exporter.WaitForOkAsync("/synced", TimeSpan.FromSeconds(60));
        }

        var unsharded = await SeriesAsync(all);
        var part0 = await SeriesAsync(shard0);
        var part1 = await SeriesAsync(shard1);

        Assert.Empty(part0.Intersect(part1));
        Assert.True(part0.Count > 0 && part1.Count > 0);
        Assert.Equal(unsharded.Order(), part0.Union(part1).Order());
        Assert.Equal(21, unsharded.Count(s => s.StartsWith("anthropic_batch_request_count{", StringComparison.Ordinal)));
    }

    private static async Task<HashSet<string>> SeriesAsync(ExporterProcess exporter)
    {
        var exposition = Exposition.Parse(await exporter.Http.GetStringAsync("/metrics"));
        return exposition.Samples
            .Where(s => StateFamilies.Contains(s.Name))
            .Select(s => $"{s.Name}{{{string.Join(",", s.Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}"))}}} {s.Value.ToString(CultureInfo.InvariantCulture)}")
            .ToHashSet();
    }

    private static ExporterProcess StartExporter(int simulatorPort, int? shard)
    {
        var env = new Dictionary<string, string> { ["Exporter__PollInterval"] = "00:00:05" };
        for (var i = 0; i < Workspaces.Length; i++)
        {
            env[$"Exporter__Sources__{i}__Name"] = Workspaces[i];
            env[$"Exporter__Sources__{i}__ApiKey"] = "sk-ant-sim-sharding";
            env[$"Exporter__Sources__{i}__BaseUrl"] = $"http://127.0.0.1:{simulatorPort}";
            env[$"Exporter__Sources__{i}__WorkspaceId"] = "wrkspc_" + Workspaces[i];
        }

        if (shard is { } index)
        {
            env["Exporter__Shard__Index"] = index.ToString(CultureInfo.InvariantCulture);
            env["Exporter__Shard__Count"] = "2";
        }

        return ExporterProcess.Start([], env);
    }

    private static ChildProcess StartSimulator(int port)
    {
        return ChildProcess.Start("simulator", Tool.Dotnet,
            [Path.Combine(AppContext.BaseDirectory, "BatchApi.Simulator.dll"), "--port", port.ToString(CultureInfo.InvariantCulture), "--history", "0", "--no-demo", "--api-key", "sk-ant-sim-sharding"],
            AppContext.BaseDirectory);
    }

    private static async Task WaitForAsync(Func<Task<bool>> ready) =>
        Assert.True(await Eventually.TrueAsync(ready, TimeSpan.FromSeconds(30)), "simulator did not start");
}
