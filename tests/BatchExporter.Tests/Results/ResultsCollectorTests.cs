using BatchApi.Simulator.Faults;
using BatchExporter.Sync;
using BatchExporter.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchExporter.Tests.Results;

/// <summary>
/// <see cref="ResultsCollector"/> against the simulator over loopback, one HTTP request per download: the attempt
/// limit (a batch whose download fails <see cref="ResultsCollector.MaxAttempts"/> times is skipped as <c>failed</c>,
/// once, and never tried again), a failed download goes to the back of the queue, the queue cap
/// (<see cref="ResultsCollector.MaxPending"/>: the excess is skipped as <c>queue_full</c> and never downloaded), and the
/// budget's minute (a drain stops when it is spent).
/// </summary>
public sealed class ResultsCollectorTests
{
    private static ResultsCollector Collector(DirectApi api, BatchExporter.Api.ApiSource source, Recorder recorder) =>
        new(source, api.Client, [recorder], NullLogger.Instance);

    private static TrackedBatch Ended(string id) =>
        new(id, "ended", new BatchCounts(0, 1, 0, 0, 0), DirectApi.Start, DirectApi.Start.AddDays(1), DirectApi.Start, null);

    [Fact]
    public async Task DrainAsync_DownloadFailsFiveTimes_SkippedAsFailedOnceAndNeverTriedAgain()
    {
        await using var api = await DirectApi.StartAsync();
        using var source = api.Source();
        var recorder = new Recorder();
        var collector = Collector(api, source, recorder);
        var id = api.EndedBatch(succeeded: 3);
        api.Simulator.Faults.Enqueue(SimulatedFault.ServerError(), ResultsCollector.MaxAttempts, "results");
        collector.Enqueue([Ended(id)]);

        for (var attempt = 1; attempt < ResultsCollector.MaxAttempts; attempt++)
        {
            await collector.DrainAsync(CancellationToken.None);
            Assert.Equal(attempt, api.Simulator.Log.Count("results")); // one attempt per drain: a failure ends the drain
            Assert.Empty(recorder.Reports);
        }

        await collector.DrainAsync(CancellationToken.None);
        var report = Assert.Single(recorder.Reports);
        Assert.Equal((id, "failed", "default"), (report.BatchId, report.SkippedReason, report.Workspace));
        Assert.Null(report.Tally);

        await collector.DrainAsync(CancellationToken.None); // the simulator would answer now: it must not be asked
        Assert.Equal(ResultsCollector.MaxAttempts, api.Simulator.Log.Count("results"));
        Assert.Single(recorder.Reports);
    }

    [Fact]
    public async Task DrainAsync_DownloadFailsFourTimesThenSucceeds_CountedOnceNotSkipped()
    {
        await using var api = await DirectApi.StartAsync();
        using var source = api.Source();
        var recorder = new Recorder();
        var collector = Collector(api, source, recorder);
        var id = api.EndedBatch(succeeded: 3, errored: 2);
        api.Simulator.Faults.Enqueue(SimulatedFault.ServerError(), ResultsCollector.MaxAttempts - 1, "results");
        collector.Enqueue([Ended(id)]);

        for (var drain = 0; drain < ResultsCollector.MaxAttempts + 1; drain++)
        {
            await collector.DrainAsync(CancellationToken.None);
        }

        var report = Assert.Single(recorder.Reports);
        Assert.Null(report.SkippedReason);
        Assert.Equal((3, 2), (report.Tally!.Succeeded, report.Tally.Errored));
        Assert.Equal(ResultsCollector.MaxAttempts, api.Simulator.Log.Count("results"));
    }

    [Fact]
    public async Task DrainAsync_OneDownloadFails_TheOthersGoFirstAndItIsRetriedAtTheNextDrain()
    {
        await using var api = await DirectApi.StartAsync();
        using var source = api.Source();
        var recorder = new Recorder();
        var collector = Collector(api, source, recorder);
        var a = api.EndedBatch(succeeded: 1);
        var b = api.EndedBatch(succeeded: 2);
        var c = api.EndedBatch(succeeded: 3);
        api.Simulator.Faults.Enqueue(SimulatedFault.ServerError(), 1, "results");
        collector.Enqueue([Ended(a), Ended(b), Ended(c)]);

        await collector.DrainAsync(CancellationToken.None);
        Assert.Empty(recorder.Reports);
        Assert.Equal(1, api.Simulator.Log.Count("results"));

        await collector.DrainAsync(CancellationToken.None);
        Assert.Equal([b, c, a], recorder.Reports.Select(r => r.BatchId));
        Assert.Equal([2L, 3L, 1L], recorder.Reports.Select(r => r.Tally!.Succeeded));
        Assert.Equal(4, api.Simulator.Log.Count("results"));
    }

    [Fact]
    public async Task DrainAsync_ResultsGone_SkippedAsNotFoundOnce()
    {
        await using var api = await DirectApi.StartAsync();
        using var source = api.Source();
        var recorder = new Recorder();
        var collector = Collector(api, source, recorder);
        var id = api.EndedBatch(succeeded: 1);
        api.Simulator.DefaultWorkspace.Archive(id);
        collector.Enqueue([Ended(id)]);

        await collector.DrainAsync(CancellationToken.None);
        await collector.DrainAsync(CancellationToken.None);

        var report = Assert.Single(recorder.Reports);
        Assert.Equal((id, "not_found"), (report.BatchId, report.SkippedReason));
        Assert.Equal(1, api.Simulator.Log.Count("results"));
    }

    [Fact]
    public async Task DrainAsync_BudgetMinuteSpent_StopsAndDownloadsTheRestInTheNextMinute()
    {
        await using var api = await DirectApi.StartAsync();
        using var source = api.Source(maxRequestsPerMinute: 1, budgetTime: api.Time);
        var recorder = new Recorder();
        var collector = Collector(api, source, recorder);
        var a = api.EndedBatch(succeeded: 1);
        var b = api.EndedBatch(succeeded: 1);
        collector.Enqueue([Ended(a), Ended(b)]);

        await collector.DrainAsync(CancellationToken.None);
        await collector.DrainAsync(CancellationToken.None);
        Assert.Equal([a], recorder.Reports.Select(r => r.BatchId));

        api.Time.Advance(TimeSpan.FromSeconds(61));
        await collector.DrainAsync(CancellationToken.None);
        Assert.Equal([a, b], recorder.Reports.Select(r => r.BatchId));
        Assert.Equal(2, api.Simulator.Log.Count("results"));
    }

    [Fact]
    public async Task Enqueue_BeyondMaxPending_ExcessSkippedAsQueueFullAndNeverDownloaded()
    {
        await using var api = await DirectApi.StartAsync();
        using var source = api.Source(maxRequestsPerMinute: 100_000_000);
        var recorder = new Recorder();
        var collector = Collector(api, source, recorder);
        var queued = Enumerable.Range(0, ResultsCollector.MaxPending).Select(i => $"msgbatch_gone{i:D5}").ToList();

        collector.Enqueue(queued.Select(Ended));
        Assert.Empty(recorder.Reports);
        collector.Enqueue([Ended("msgbatch_over1"), Ended("msgbatch_over2")]);
        Assert.Equal([("msgbatch_over1", "queue_full"), ("msgbatch_over2", "queue_full")], recorder.Reports.Select(r => (r.BatchId, r.SkippedReason)));

        // Drain everything (batches the simulator does not know: each a 404, skipped as not_found): the two skipped
        // as queue_full are never downloaded, so never reported twice.
        await collector.DrainAsync(CancellationToken.None);

        Assert.Equal(ResultsCollector.MaxPending, api.Simulator.Log.Count("results"));
        Assert.Equal(ResultsCollector.MaxPending + 2, recorder.Reports.Count);
        Assert.Equal(queued, recorder.Reports.Skip(2).Select(r => r.BatchId));
        Assert.All(recorder.Reports.Skip(2), r => Assert.Equal("not_found", r.SkippedReason));

        collector.Enqueue([Ended("msgbatch_after")]); // room again
        Assert.Equal(ResultsCollector.MaxPending + 2, recorder.Reports.Count);
    }

    private sealed class Recorder : IResultsObserver
    {
        public List<ResultsReport> Reports { get; } = [];

        public void OnResults(ResultsReport report) => Reports.Add(report);
    }
}
