using System.Diagnostics;
using System.IO.Pipelines;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Benchmarks.Infrastructure;
using BatchExporter.Metrics;
using BatchExporter.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace BatchExporter.Benchmarks.Drivers;

/// <summary>
/// Scrape cost: /metrics (plain text, no gzip) over loopback with N tracked batches of which L are running and E ended
/// within Exporter:EndedSeriesWindow (so L + E batches with per-batch series): time per scrape (median of many), body
/// size, and bytes allocated per scrape (client and server: they share the process). Ended history must not change either.
/// The client reads the body as it arrives into one reused buffer, as Prometheus parses it, so the bytes allocated are
/// the server's and HttpClient's per request, not a copy of the body (2 MB with 1,000 live and 1,000 ended batches).
/// </summary>
internal static class ScrapeDriver
{
    public static async Task RunAsync(IReadOnlyList<(int Tracked, int Live, int Ended)> cases, int scrapes)
    {
        Console.WriteLine($"| tracked batches | running | ended within the window | /metrics bytes | ms per scrape (median of {scrapes}) | p90 ms | CPU ms per scrape (client + server) | allocated per scrape (client + server) | per-batch writer alone: ms (median), CPU ms (mean), allocated |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (tracked, live, ended) in cases)
        {
            await using var exporter = await LoopbackExporter.StartAsync((workspace, time) =>
            {
                Scenarios.SeedHistory(workspace, tracked - live - ended, TimeSpan.FromDays(6), seed: 3);
                time.Advance(TimeSpan.FromHours(2));
                var random = new Random(3);
                for (var i = 0; i < ended; i++)
                {
                    // created 50 to 30 min ago, ran 5 to 25 min: ended within the last hour
                    var created = time.GetUtcNow() - TimeSpan.FromMinutes(50) + (TimeSpan.FromMinutes(20) * (i / (double)ended));
                    workspace.CreateBatch(random.Next(1, 5000), new BatchPlan(TimeSpan.FromMinutes(5 + (random.NextDouble() * 20)), ErroredFraction: 0.02), created);
                }

                Scenarios.SeedInProgress(workspace, live, TimeSpan.FromHours(20), seed: 3);
            });
            if (exporter.Status.Ledger.Tracked != tracked)
            {
                throw new InvalidOperationException($"tracked {exporter.Status.Ledger.Tracked}, expected {tracked}");
            }

            var size = 0L;
            var buffer = new byte[64 * 1024];
            for (var i = 0; i < 20; i++)
            {
                size = await ScrapeAsync(exporter.Http, buffer); // warm-up
            }

            var times = new List<double>();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < scrapes; i++)
            {
                var started = Stopwatch.GetTimestamp();
                size = await ScrapeAsync(exporter.Http, buffer);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / scrapes;
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / scrapes;
            times.Sort();
            var (writerMs, writerCpuMs, writerAllocated) = await WriterAloneAsync(exporter, scrapes);
            Console.WriteLine($"| {tracked:N0} | {live:N0} | {ended:N0} | {size:N0} | {times[times.Count / 2]:0.00} | {times[times.Count * 9 / 10]:0.00} | {cpuMs:0.00} | {allocated / 1024.0:N0} KiB | {writerMs:0.00} ms, {writerCpuMs:0.00} ms, {writerAllocated / 1024.0:N1} KiB |");
        }
    }

    /// <summary>Reads <c>/metrics</c> into <paramref name="buffer"/> as it arrives; returns the body's length.</summary>
    private static async Task<long> ScrapeAsync(HttpClient http, byte[] buffer)
    {
        using var response = await http.GetAsync("/metrics", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        long size = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            size += read;
        }

        return size;
    }

    /// <summary>
    /// The per-batch part of a scrape on its own: <see cref="PerBatchSeriesWriter"/> from the published snapshot into a
    /// pipe over <see cref="Stream.Null"/> (its flushes complete at once, so it runs on this thread and the bytes it
    /// allocates are counted exactly). The CPU time is the process's over all runs (the exporter is otherwise idle on
    /// its fake clock), the fairer figure on a machine whose cores other jobs share.
    /// </summary>
    private static async Task<(double MedianMs, double CpuMs, long Allocated)> WriterAloneAsync(LoopbackExporter exporter, int runs)
    {
        var families = exporter.App.Services.GetRequiredService<CatalogueMeter>().Families;
        var sources = exporter.App.Services.GetRequiredService<SourceStatusStore>().All;
        var now = exporter.Time.GetUtcNow();
        var times = new List<double>();
        long allocated = 0;
        var cpu = TimeSpan.Zero;
        for (var i = 0; i < runs + 10; i++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var output = PipeWriter.Create(Stream.Null, new StreamPipeWriterOptions(leaveOpen: true));
            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            await PerBatchSeriesWriter.WriteAsync(output, families, sources, now, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var after = GC.GetAllocatedBytesForCurrentThread();
            await output.CompleteAsync();
            if (i >= 10)
            {
                cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                times.Add(elapsed);
                allocated += after - before;
            }
        }

        times.Sort();
        return (times[times.Count / 2], cpu.TotalMilliseconds / runs, allocated / runs);
    }
}
