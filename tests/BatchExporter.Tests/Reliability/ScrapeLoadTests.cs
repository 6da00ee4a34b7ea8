using System.Diagnostics;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Reliability;

/// <summary>/metrics under concurrent scrapers on loopback: zero errors. Latencies are printed, not asserted.</summary>
public sealed class ScrapeLoadTests
{
    [Fact]
    public async Task FiftyConcurrentScrapers_FifteenSeconds_NoErrors()
    {
        await using var h = await ExporterHarness.StartAsync((sim, _) =>
        {
            Scenarios.SeedHistory(sim.DefaultWorkspace, 10_000, TimeSpan.FromDays(3));
            for (var i = 0; i < 1_000; i++)
            {
                sim.DefaultWorkspace.CreateBatch(5, BatchPlan.NeverFinishes);
            }
        });
        var exposition = await h.ScrapeAsync();
        Assert.Equal(1_000, Exposition.Parse(exposition).Named("anthropic_batch_info").Count());

        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var errors = 0;
        var stop = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        using var http = new HttpClient { BaseAddress = h.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var scrapers = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            while (DateTime.UtcNow < stop)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    var text = await http.GetStringAsync("/metrics");
                    if (!text.Contains("anthropic_batch_exporter_up", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                catch (TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        }));
        await Task.WhenAll(scrapers);

        var sorted = latencies.Order().ToArray();
        double P(double q) => sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)];
        Console.WriteLine($"scrape load: {sorted.Length} scrapes by 50 clients in 15 s, 1,000 per-batch series, {exposition.Length / 1024} KiB, errors {errors}; latency ms p50 {P(0.5):0.0} p90 {P(0.9):0.0} p99 {P(0.99):0.0} max {sorted[^1]:0.0}");
        Assert.Equal(0, errors);
        Assert.True(sorted.Length > 50);
    }
}
