using System.Diagnostics;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace BatchApi.Simulator.Tests.Workloads;

public sealed class ScenariosTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public void SeedHistory_100k_AllEndedAscendingWithinSpanInSeconds()
    {
        var workspace = new BatchSimulator(_time).DefaultWorkspace;

        var watch = Stopwatch.StartNew();
        Scenarios.SeedHistory(workspace, 100_000, TimeSpan.FromDays(7));
        var elapsed = watch.Elapsed;

        output.WriteLine($"SeedHistory: 100,000 batches in {elapsed.TotalMilliseconds:F0} ms");
        var batches = workspace.List();
        Assert.Equal(100_000, batches.Count);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"{elapsed}");
        Assert.All(batches, b =>
        {
            Assert.Equal(BatchStatus.Ended, b.ProcessingStatus);
            Assert.InRange(b.CreatedAt, Now.AddDays(-7), Now);
            Assert.InRange(b.EndedAt!.Value, b.CreatedAt, Now);
            Assert.True(b.EndedAt <= b.ExpiresAt);
            Assert.Equal(0, b.Counts.Processing);
            Assert.InRange(b.Size, 1, 10_000);
        });
        Assert.Equal(batches.OrderByDescending(b => b.CreatedAt).Select(b => b.Id), batches.Select(b => b.Id));
        Assert.Contains(batches, b => b.Counts.Errored > 0);
        Assert.Contains(batches, b => b.Counts.Expired > 0 && b.EndedAt == b.ExpiresAt);
        Assert.Contains(batches, b => b.CancelInitiatedAt is not null && b.Counts.Canceled > 0);
        Assert.Equal(batches.Count, batches.Select(b => b.Id).Distinct().Count());
    }

    [Fact]
    public void SeedHistory_SameSeeds_SameBatches()
    {
        var first = new BatchSimulator(_time).DefaultWorkspace;
        var second = new BatchSimulator(_time).DefaultWorkspace;

        Scenarios.SeedHistory(first, 500, TimeSpan.FromDays(1), seed: 7);
        Scenarios.SeedHistory(second, 500, TimeSpan.FromDays(1), seed: 7);

        Assert.Equal(first.List(), second.List());
    }

    [Fact]
    public void SeedHistory_OlderThan29Days_Archived()
    {
        var workspace = new BatchSimulator(_time).DefaultWorkspace;

        Scenarios.SeedHistory(workspace, 1000, TimeSpan.FromDays(60));

        Assert.All(workspace.List(), b => Assert.Equal(b.CreatedAt < Now.AddDays(-29), b.ArchivedAt is not null));
    }

    [Fact]
    public void SeedInProgress_RecentSpan_AllRunningThenEndWithinDay()
    {
        var workspace = new BatchSimulator(_time).DefaultWorkspace;

        Scenarios.SeedInProgress(workspace, 200, TimeSpan.FromHours(6));
        var running = workspace.List();
        _time.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(1));
        var afterThreeHours = workspace.List();
        _time.Advance(TimeSpan.FromHours(24));

        Assert.All(running, b => Assert.Equal(BatchStatus.InProgress, b.ProcessingStatus));
        Assert.All(running, b => Assert.InRange(b.CreatedAt, Now.AddHours(-6), Now));
        Assert.Contains(afterThreeHours, b => b.ProcessingStatus == BatchStatus.InProgress);
        Assert.Contains(afterThreeHours, b => b.ProcessingStatus == BatchStatus.Ended);
        Assert.All(workspace.List(), b => Assert.Equal(BatchStatus.Ended, b.ProcessingStatus));
        Assert.Contains(workspace.List(), b => b.Counts.Expired == b.Size);
    }

    [Fact]
    public void StartDemoWorkload_AtStart_NearExpiryAndCancelingBatches()
    {
        var simulator = new BatchSimulator(_time);

        using var demo = Scenarios.StartDemoWorkload(simulator, simulator.DefaultWorkspace);

        var batches = simulator.DefaultWorkspace.List();
        Assert.Contains(batches, b => b.ProcessingStatus == BatchStatus.InProgress && b.ExpiresAt - Now <= TimeSpan.FromHours(1));
        Assert.Contains(batches, b => b.ProcessingStatus == BatchStatus.Canceling);
    }

    /// <summary>Requests expire only in batches that reach expires_at: the ones created about 24 h before the start.</summary>
    [Fact]
    public void StartDemoWorkload_FifteenMinutes_ExpiredRequestsOnlyInBatchesThatReachedExpiresAt()
    {
        var simulator = new BatchSimulator(_time);
        using var demo = Scenarios.StartDemoWorkload(simulator, simulator.DefaultWorkspace);

        for (var i = 0; i < 300; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(3));
        }

        var withExpired = simulator.DefaultWorkspace.List().Where(b => b.Counts.Expired > 0).ToList();
        Assert.Equal(3, withExpired.Count); // 2, 6 and 12 minutes from expiry at start; the 45-minute one still runs
        Assert.All(withExpired, b =>
        {
            Assert.True(b.EndedAt >= b.ExpiresAt, $"{b.Id} ended {b.EndedAt} before its expiry {b.ExpiresAt}");
            Assert.InRange(b.CreatedAt, Now - TimeSpan.FromHours(24), Now - TimeSpan.FromHours(23));
        });
    }

    [Fact]
    public void StartDemoWorkload_TenMinutes_NewBatchesMostEndWithinThreeMinutes()
    {
        var simulator = new BatchSimulator(_time);
        using var demo = Scenarios.StartDemoWorkload(simulator, simulator.DefaultWorkspace);
        var initial = simulator.DefaultWorkspace.Count;

        for (var i = 0; i < 200; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(3));
        }

        var batches = simulator.DefaultWorkspace.List();
        var created = batches.Where(b => b.CreatedAt > Now).ToList();
        var old = created.Where(b => b.CreatedAt < Now.AddMinutes(7)).ToList();
        output.WriteLine($"demo: {created.Count} batches in 10 min");
        Assert.InRange(created.Count, 100, 400);
        Assert.All(old, b => Assert.Equal(BatchStatus.Ended, b.ProcessingStatus));
        Assert.All(old.Where(b => b.CancelInitiatedAt is null), b => Assert.InRange(b.EndedAt!.Value - b.CreatedAt, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3)));
        Assert.Contains(old, b => b.Counts.Errored > 0);
        Assert.All(created, b => Assert.Equal(0, b.Counts.Expired)); // they end long before their expiry
        Assert.True(initial >= 5);
    }

    [Fact]
    public void StartDemoWorkload_Disposed_NoMoreBatches()
    {
        var simulator = new BatchSimulator(_time);
        var demo = Scenarios.StartDemoWorkload(simulator, simulator.DefaultWorkspace);
        _time.Advance(TimeSpan.FromMinutes(1));

        demo.Dispose();
        var count = simulator.DefaultWorkspace.Count;
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(count, simulator.DefaultWorkspace.Count);
    }
}
