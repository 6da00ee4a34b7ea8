using System.Diagnostics;
using BatchExporter.Hosting;
using BatchExporter.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BatchExporter.Benchmarks.Drivers;

/// <summary>
/// First sync against a simulator in ANOTHER process (so nothing the simulator does is counted here): the
/// exporter's own services and poller, one <see cref="SourcePoller.SyncOnceAsync"/>; wall time, list calls, bytes
/// allocated by the sync, and the managed heap it leaves (the ledger plus its snapshot) per tracked batch.
/// </summary>
internal static class FirstSyncDriver
{
    public static async Task RunAsync(Uri baseUrl, string key)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Exporter:Sources:0:Name"] = "default",
            ["Exporter:Sources:0:ApiKey"] = key,
            ["Exporter:Sources:0:BaseUrl"] = baseUrl.ToString(),
            ["Exporter:MaxRequestsPerMinute"] = "100000",
        });
        builder.Services.AddBatchExporter(builder.Configuration);
        using var host = builder.Build(); // not started: the poller is driven by hand
        var scheduler = host.Services.GetRequiredService<SyncScheduler>();
        var store = host.Services.GetRequiredService<SourceStatusStore>();
        var poller = scheduler.Pollers.Single();

        var heapBefore = Heap();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        await poller.SyncOnceAsync(CancellationToken.None);
        var wall = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var status = store.All.Single();
        if (!status.Up)
        {
            throw new InvalidOperationException($"first sync failed: {status.LastFailureMessage}");
        }

        var heapAfter = Heap();
        var tracked = status.Ledger.Tracked;
        Console.WriteLine($"tracked={tracked} calls={status.LastSyncCalls} wall_ms={wall.TotalMilliseconds:0} allocated_bytes={allocated} allocated_per_batch={allocated / Math.Max(1, tracked)} "
            + $"heap_before={heapBefore} heap_after={heapAfter} retained_per_batch={(heapAfter - heapBefore) / Math.Max(1, tracked)} rss_mib={Environment.WorkingSet / (1024 * 1024)} "
            + $"fragmented={GC.GetGCMemoryInfo().FragmentedBytes} loh={GC.GetGCMemoryInfo().GenerationInfo[3].SizeAfterBytes} gen2={GC.GetGCMemoryInfo().GenerationInfo[2].SizeAfterBytes}");
        await poller.SyncOnceAsync(CancellationToken.None); // an incremental sync: what the first one staged is gone by now
        var heapSteady = Heap();
        Console.WriteLine($"after an incremental sync: heap={heapSteady} retained_per_batch={(heapSteady - heapBefore) / Math.Max(1, tracked)} calls={store.All.Single().LastSyncCalls}");
        GC.KeepAlive(poller);
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
