using BatchExporter.Sync;

namespace BatchExporter.Tests.Sync;

public sealed class BatchLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LongAgo = T0.AddDays(-30);

    private static TrackedBatch Batch(string id, int minute, string status = "in_progress", int size = 10, int errored = 0, int expired = 0, bool canceled = false)
    {
        var created = T0.AddMinutes(minute);
        var counts = status == "ended" ? new BatchCounts(0, size - errored - expired, errored, 0, expired) : new BatchCounts(size, 0, 0, 0, 0);
        return new TrackedBatch(id, status, counts, created, created.AddHours(24), status == "ended" ? created.AddMinutes(5) : null, canceled ? created.AddMinutes(1) : null);
    }

    private static SyncListing Listing(bool reachedEnd, params TrackedBatch[] newestFirst)
    {
        var listing = new SyncListing { ReachedEnd = reachedEnd };
        foreach (var b in newestFirst)
        {
            listing.Add(b);
        }

        return listing;
    }

    [Fact]
    public void Apply_FirstListing_IsTheBaselineAndCountsNothing()
    {
        var ledger = new BatchLedger();
        var ended = ledger.Apply(Listing(true, Batch("b", 2, "ended"), Batch("a", 1, "ended")), LongAgo);

        Assert.Empty(ended);
        Assert.True(ledger.HasBaseline);
        Assert.Equal(2, ledger.Count);
    }

    [Fact]
    public void Apply_BatchEnds_ReportedOnceOnly()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Batch("a", 1)), LongAgo);

        var first = ledger.Apply(Listing(true, Batch("a", 1, "ended", errored: 2)), LongAgo);
        var again = ledger.Apply(Listing(true, Batch("a", 1, "ended", errored: 2)), LongAgo);

        Assert.Equal("a", Assert.Single(first).Id);
        Assert.Empty(again);
    }

    [Fact]
    public void Apply_DuplicateAcrossPages_FirstCopyWinsAndCountsOnce()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Batch("a", 1)), LongAgo);

        var ended = ledger.Apply(Listing(true, Batch("b", 3, "ended"), Batch("a", 1, "ended"), Batch("b", 3, "ended"), Batch("a", 1, "ended")), LongAgo);

        Assert.Equal(["a", "b"], ended.Select(b => b.Id).Order());
        Assert.Equal(2, ledger.Count);
    }

    [Fact]
    public void Apply_NewBatchAlreadyEndedAfterBaseline_IsCounted_ButOldUnknownOneIsNot()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Batch("m", 10, "ended")), LongAgo);

        // "n" is newer than anything known: created and ended between syncs. "old" is older than the baseline's
        // newest batch: a full resync finding it must not count it.
        var ended = ledger.Apply(Listing(true, Batch("n", 20, "ended"), Batch("m", 10, "ended"), Batch("old", 5, "ended")), LongAgo);

        Assert.Equal("n", Assert.Single(ended).Id);
    }

    [Fact]
    public void IncrementalBoundary_IsOlderOfOldestActiveAndNewestKnown()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Batch("d", 4, "ended"), Batch("c", 3), Batch("b", 2), Batch("a", 1, "ended")), LongAgo);
        Assert.Equal("b", ledger.IncrementalBoundary?.Id);

        ledger.Apply(Listing(false, Batch("d", 4, "ended"), Batch("c", 3, "ended"), Batch("b", 2, "ended")), LongAgo);
        Assert.Equal("d", ledger.IncrementalBoundary?.Id);
    }

    [Fact]
    public void Apply_UnknownStatus_IsKeptAsNotEnded()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Batch("x", 1, "paused")), LongAgo);
        var snapshot = LedgerSnapshot.Build(ledger, 10, DateTimeOffset.MaxValue, TimeSpan.FromHours(1));

        Assert.Equal(1, snapshot.BatchesByStatus["paused"]);
        Assert.Equal("paused", Assert.Single(snapshot.Active).Status);
        Assert.Equal("x", ledger.IncrementalBoundary?.Id);
    }

    [Fact]
    public void Apply_MissingInsideCoveredRange_Removed_OutsideKept()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Batch("c", 3, "ended"), Batch("b", 2, "ended"), Batch("a", 1, "ended")), LongAgo);

        // An incremental listing that went down to "b": "c" is gone (deleted); "a" lies below the listing and stays.
        ledger.Apply(Listing(false, Batch("b", 2, "ended")), LongAgo);

        Assert.DoesNotContain(ledger.Batches, b => b.Id == "c");
        Assert.Contains(ledger.Batches, b => b.Id == "a");
        Assert.Contains(ledger.Batches, b => b.Id == "b");
    }

    [Fact]
    public void Apply_OlderThanLookback_Dropped()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Batch("c", 3, "ended"), Batch("b", 2, "ended"), Batch("a", 1, "ended")), LongAgo);

        ledger.Apply(Listing(false, Batch("c", 3, "ended")), T0.AddMinutes(2));

        Assert.Equal(["b", "c"], ledger.Batches.Select(b => b.Id).Order());
    }

    [Theory]
    [InlineData(false, 0, "completed")]
    [InlineData(false, 3, "expired")]
    [InlineData(true, 3, "canceled")]
    public void EndReason_FollowsDesignRules(bool canceled, int expired, string reason) =>
        Assert.Equal(reason, Batch("a", 1, "ended", expired: expired, canceled: canceled).EndReason);

    [Fact]
    public void Snapshot_SumsCountsAndSortsActiveBySoonestExpiry()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Batch("c", 3), Batch("b", 2, "ended", errored: 4), Batch("a", 1)), LongAgo);
        var s = LedgerSnapshot.Build(ledger, 1, DateTimeOffset.MaxValue, TimeSpan.FromHours(1));

        Assert.Equal(new RequestTotals(20, 6, 4, 0, 0), s.Requests);
        Assert.Equal(["a", "c"], s.Active.Select(a => a.Id));
        Assert.Equal(1, s.PerBatchSeriesCount);
        Assert.Equal(1, s.PerBatchSeriesOverflow);
        Assert.Equal(T0.AddMinutes(1), s.OldestActiveCreatedAt);
        Assert.Equal(1, s.CountExpiringBy(T0.AddMinutes(1).AddHours(24)));
    }

    /// <summary>The request totals add every state of every tracked batch, canceled and expired included.</summary>
    [Fact]
    public void Snapshot_RequestTotals_SumEveryStateOfEveryBatch()
    {
        var ledger = new BatchLedger();
        ledger.Apply(
            Listing(
                true,
                new TrackedBatch("b", "ended", new BatchCounts(0, 5, 1, 3, 2), T0.AddMinutes(2), T0.AddHours(24), T0.AddMinutes(10), T0.AddMinutes(9)),
                new TrackedBatch("a", "ended", new BatchCounts(0, 1, 0, 4, 6), T0.AddMinutes(1), T0.AddHours(24), T0.AddMinutes(10), null)),
            LongAgo);

        var s = LedgerSnapshot.Build(ledger, 10, T0.AddMinutes(20), TimeSpan.FromHours(1));

        Assert.Equal(new RequestTotals(0, 6, 1, 7, 8), s.Requests);
    }

    /// <summary>
    /// The ended batches that get series under the cap are the most recently ended, whatever order they were created in;
    /// batches not ended that expire in the same instant are taken in id order.
    /// </summary>
    [Fact]
    public void Snapshot_CapsFollowEndTimeNotCreationAndIdsBreakTies()
    {
        var ledger = new BatchLedger();
        ledger.Apply(
            Listing(
                true,
                Batch("c", 5),
                Batch("b", 5),
                Batch("a", 5),
                new TrackedBatch("newer", "ended", new BatchCounts(0, 1, 0, 0, 0), T0.AddMinutes(2), T0.AddHours(24), T0.AddMinutes(10), null),
                new TrackedBatch("older", "ended", new BatchCounts(0, 1, 0, 0, 0), T0.AddMinutes(1), T0.AddHours(24), T0.AddMinutes(50), null)),
            LongAgo);
        var now = T0.AddMinutes(55);

        var s = LedgerSnapshot.Build(ledger, 1, now, TimeSpan.FromHours(1));

        Assert.Equal(["a", "older"], s.PerBatchSeries(now).Select(b => b.Id)); // "older" ended 40 minutes after "newer"
        Assert.Equal(3, s.PerBatchSeriesOverflow); // "b", "c" and "newer"
    }

    [Fact]
    public void Snapshot_EndedWithinWindow_MostRecentlyEndedFirstCappedWithOverflow()
    {
        var ledger = new BatchLedger();
        // ended_at = created + 5 min: e0 at 0:05, e1 at 0:06, e2 at 0:07, e3 at 0:08.
        ledger.Apply(Listing(true, Batch("run", 4), Batch("e3", 3, "ended"), Batch("e2", 2, "ended"), Batch("e1", 1, "ended"), Batch("e0", 0, "ended")), LongAgo);
        var now = T0.AddMinutes(65.5); // window 1 h: ended after 0:05:30, so e0 is out

        var s = LedgerSnapshot.Build(ledger, 2, now, TimeSpan.FromHours(1));

        Assert.Equal(["run", "e3", "e2"], s.PerBatchSeries(now).Select(b => b.Id));
        Assert.Equal(1, s.PerBatchSeriesOverflow); // e1: in the window, over the cap of 2 ended batches
    }

    [Fact]
    public void Snapshot_EndedBatchLeavesWindowBetweenSyncs_GoneAtTheNextScrape()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Batch("e2", 2, "ended"), Batch("e1", 1, "ended")), LongAgo);
        var built = T0.AddMinutes(30);
        var s = LedgerSnapshot.Build(ledger, 10, built, TimeSpan.FromHours(1));

        Assert.Equal(["e2", "e1"], s.PerBatchSeries(built).Select(b => b.Id));
        Assert.Equal(["e2"], s.PerBatchSeries(T0.AddMinutes(66.5)).Select(b => b.Id)); // e1 ended at 0:06
        Assert.Empty(s.PerBatchSeries(T0.AddMinutes(67)));
    }
}
