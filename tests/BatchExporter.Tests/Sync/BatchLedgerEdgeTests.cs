using BatchExporter.Sync;

namespace BatchExporter.Tests.Sync;

/// <summary>
/// The ledger's rules at their edges, through its public surface only (<see cref="BatchLedger.Apply"/>, the batches
/// it tracks, <see cref="BatchLedger.IncrementalBoundary"/>): two copies of one batch that differ, a batch created in
/// the same instant as the newest known one, at the lookback start, or at the lower edge of an incremental listing,
/// and the boundary when only one of its two bounds exists.
/// </summary>
public sealed class BatchLedgerEdgeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LongAgo = T0.AddDays(-30);

    private static TrackedBatch Batch(string id, int minute, string status = "in_progress", long extraTicks = 0)
    {
        var created = T0.AddMinutes(minute).AddTicks(extraTicks);
        var counts = status == "ended" ? new BatchCounts(0, 10, 0, 0, 0) : new BatchCounts(10, 0, 0, 0, 0);
        return new TrackedBatch(id, status, counts, created, created.AddHours(24), status == "ended" ? created.AddMinutes(5) : null, null);
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

    private static string StatusOf(BatchLedger ledger, string id) => ledger.Batches.Single(b => b.Id == id).Status;

    /// <summary>Several batches deleted at once (a full listing without them) all leave, not only one of them.</summary>
    [Fact]
    public void Apply_SeveralTrackedBatchesMissingFromAFullListing_AllLeave()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Batch("d", 4, "ended"), Batch("c", 3, "ended"), Batch("b", 2, "ended"), Batch("a", 1, "ended")), LongAgo);

        ledger.Apply(Listing(true, Batch("c", 3, "ended")), LongAgo);

        Assert.Equal(["c"], ledger.Batches.Select(b => b.Id));
    }

    [Fact]
    public void Apply_KnownBatchListedEndedThenAsAStaleRunningCopy_FirstCopyWinsAndCountsOnce()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Batch("b", 2), Batch("a", 1)), LongAgo);

        // The batch ended while the sync paged: the first page shows it ended, a later page a copy from before.
        var ended = ledger.Apply(Listing(true, Batch("b", 2), Batch("a", 1, "ended"), Batch("a", 1)), LongAgo);

        Assert.Equal("a", Assert.Single(ended).Id);
        Assert.Equal("ended", StatusOf(ledger, "a"));
        Assert.Empty(ledger.Apply(Listing(true, Batch("b", 2), Batch("a", 1, "ended")), LongAgo));
    }

    [Fact]
    public void Apply_KnownBatchListedRunningThenAsAnEndedCopy_FirstCopyWinsAndItEndsAtTheNextSync()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Batch("b", 2), Batch("a", 1)), LongAgo);

        var first = ledger.Apply(Listing(true, Batch("b", 2), Batch("a", 1), Batch("a", 1, "ended")), LongAgo);

        Assert.Empty(first);
        Assert.Equal("in_progress", StatusOf(ledger, "a"));
        Assert.Equal("a", Assert.Single(ledger.Apply(Listing(true, Batch("b", 2), Batch("a", 1, "ended")), LongAgo)).Id);
    }

    [Fact]
    public void Apply_FirstListingWithTwoCopiesThatDiffer_FirstCopyWins()
    {
        var ledger = new BatchLedger();

        ledger.Apply(Listing(true, Batch("a", 1), Batch("a", 1, "ended")), LongAgo);

        Assert.Equal(1, ledger.Count);
        Assert.Equal("in_progress", StatusOf(ledger, "a"));
    }

    [Fact]
    public void Apply_UnknownEndedBatchCreatedInTheInstantOfTheNewestKnown_NotCounted_OneTickLaterCounted()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Batch("m", 10, "ended")), LongAgo);

        // "same" is not newer than the newest known batch: the last sync could have listed it, so it is no new end.
        // "later" was created after it: created and ended between two syncs, an end this process saw.
        var ended = ledger.Apply(Listing(true, Batch("later", 10, "ended", extraTicks: 1), Batch("m", 10, "ended"), Batch("same", 10, "ended")), LongAgo);

        Assert.Equal("later", Assert.Single(ended).Id);
        Assert.Equal(3, ledger.Count);
    }

    [Fact]
    public void Apply_BatchCreatedExactlyAtTheLookbackStart_IsKeptAtFirstAndLaterSyncs()
    {
        var ledger = new BatchLedger();
        var lookbackStart = T0.AddMinutes(1);

        ledger.Apply(Listing(true, Batch("b", 2), Batch("a", 1), Batch("old", 0)), lookbackStart);
        Assert.Equal(["a", "b"], ledger.Batches.Select(b => b.Id).Order());

        var ended = ledger.Apply(Listing(true, Batch("b", 2), Batch("a", 1, "ended"), Batch("old", 0, "ended")), lookbackStart);
        Assert.Equal("a", Assert.Single(ended).Id);
        Assert.Equal(["a", "b"], ledger.Batches.Select(b => b.Id).Order());
    }

    [Fact]
    public void Apply_TrackedBatchInTheInstantOfTheListingsOldestButNotListed_Kept()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Batch("z", 3, "ended"), Batch("y", 2, "ended"), Batch("x", 2, "ended"), Batch("w", 1, "ended")), LongAgo);

        // An incremental listing that stopped at "y": "x", created in the same instant, may be on the next page.
        ledger.Apply(Listing(false, Batch("z", 3, "ended"), Batch("y", 2, "ended")), LongAgo);

        Assert.Equal(["w", "x", "y", "z"], ledger.Batches.Select(b => b.Id).Order());
    }

    [Fact]
    public void Apply_ListingReachedTheEnd_TrackedBatchOlderThanAllListedAndNotListed_Removed()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Batch("b", 2, "ended"), Batch("a", 1, "ended")), LongAgo);

        ledger.Apply(Listing(true, Batch("b", 2, "ended")), LongAgo);

        Assert.Equal("b", Assert.Single(ledger.Batches).Id);
    }

    [Fact]
    public void IncrementalBoundary_BeforeTheFirstListing_IsNull()
    {
        var ledger = new BatchLedger();

        Assert.Null(ledger.IncrementalBoundary);
        Assert.False(ledger.HasBaseline);
    }

    [Fact]
    public void IncrementalBoundary_EveryBatchEnded_IsTheNewestKnown()
    {
        var ledger = new BatchLedger();

        ledger.Apply(Listing(true, Batch("c", 3, "ended"), Batch("b", 2, "ended"), Batch("a", 1, "ended")), LongAgo);

        Assert.Equal("c", ledger.IncrementalBoundary?.Id);
    }

    [Fact]
    public void IncrementalBoundary_NoBatchEnded_IsTheOldestActive()
    {
        var ledger = new BatchLedger();

        ledger.Apply(Listing(true, Batch("c", 3), Batch("b", 2), Batch("a", 1)), LongAgo);

        Assert.Equal("a", ledger.IncrementalBoundary?.Id);
    }

    [Fact]
    public void IncrementalBoundary_OnlyTheNewestIsActive_IsThatBatch()
    {
        var ledger = new BatchLedger();

        ledger.Apply(Listing(true, Batch("c", 3), Batch("b", 2, "ended"), Batch("a", 1, "ended")), LongAgo);

        Assert.Equal("c", ledger.IncrementalBoundary?.Id);
    }

    [Fact]
    public void Apply_EverythingLeft_BoundaryNullAndTheNextListingIsABaselineAgain()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Batch("a", 1)), LongAgo);

        Assert.Empty(ledger.Apply(Listing(true), LongAgo));
        Assert.Equal(0, ledger.Count);
        Assert.Null(ledger.IncrementalBoundary);

        // With nothing known, nothing is newer than the newest known batch: an ended batch is baseline, not counted.
        Assert.Empty(ledger.Apply(Listing(true, Batch("b", 2, "ended")), LongAgo));
        Assert.Equal("b", ledger.IncrementalBoundary?.Id);
    }
}
