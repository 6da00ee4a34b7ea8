using BatchExporter.Sync;

namespace BatchExporter.Tests.Sync;

/// <summary>How an incremental sync sizes its pages: from what the ledger expects above its boundary and the recent rate.</summary>
public sealed class IncrementalPageSizeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static TrackedBatch Batch(string id, DateTimeOffset created, bool ended) => new(
        id,
        ended ? "ended" : "in_progress",
        ended ? new BatchCounts(0, 10, 0, 0, 0) : new BatchCounts(10, 0, 0, 0, 0),
        created,
        created.AddHours(24),
        ended ? created.AddMinutes(5) : null,
        null);

    private static BatchLedger Ledger(params TrackedBatch[] newestFirst)
    {
        var listing = new SyncListing { ReachedEnd = true };
        foreach (var b in newestFirst)
        {
            listing.Add(b);
        }

        var ledger = new BatchLedger();
        ledger.Apply(listing, T0.AddDays(-30));
        return ledger;
    }

    [Fact]
    public void Expectation_RunningAmongEnded_CountsFromTheOldestRunningAndTheRecentRate()
    {
        var ledger = Ledger(
            Batch("new2", T0.AddMinutes(-1), ended: false),
            Batch("new1", T0.AddMinutes(-2), ended: true),
            Batch("run", T0.AddMinutes(-30), ended: false), // the oldest running: the boundary
            Batch("old1", T0.AddHours(-2), ended: true),
            Batch("old2", T0.AddHours(-30), ended: true));

        Assert.Equal("run", ledger.IncrementalBoundary?.Id);
        Assert.Equal(new IncrementalExpectation(AboveBoundary: 3, CreatedLastHour: 3, BoundaryTies: 1), ledger.Expectation);
    }

    [Fact]
    public void Expectation_NothingRunning_BoundaryIsTheNewestAlone()
    {
        var ledger = Ledger(Batch("b", T0, ended: true), Batch("a", T0.AddHours(-3), ended: true));

        Assert.Equal(new IncrementalExpectation(1, 1, 1), ledger.Expectation);
    }

    /// <summary>
    /// The rate's hour is the hour before the newest batch, that instant left out: a batch created exactly one hour
    /// before the newest is not in it, one a tick later is.
    /// </summary>
    [Fact]
    public void Expectation_BatchExactlyAnHourBeforeTheNewest_NotInTheLastHour()
    {
        var ledger = Ledger(
            Batch("newest", T0, ended: true),
            Batch("inside", T0.AddHours(-1).AddTicks(1), ended: true),
            Batch("edge", T0.AddHours(-1), ended: true));

        Assert.Equal(new IncrementalExpectation(AboveBoundary: 1, CreatedLastHour: 2, BoundaryTies: 1), ledger.Expectation);
    }

    [Fact]
    public void Expectation_RunningCreatedInOneInstant_CountsTheBoundarysTies()
    {
        var ledger = Ledger(
            Batch("c", T0, ended: false),
            Batch("b", T0, ended: false),
            Batch("a", T0, ended: false),
            Batch("old", T0.AddHours(-2), ended: true));

        Assert.Equal(new IncrementalExpectation(AboveBoundary: 3, CreatedLastHour: 3, BoundaryTies: 3), ledger.Expectation);
    }

    [Theory]
    [InlineData(1, 0, 60, 5)] // the newest batch alone: itself plus 4 of headroom
    [InlineData(5, 5, 60, 10)] // 5 above, 5 in the last hour: 1 new expected in a minute, headroom 4
    [InlineData(300, 15, 60, 376)] // 300 + 1 new, a quarter of headroom
    [InlineData(5, 5, 86_400, 156)] // a day since the last sync (an outage): 120 new at the hourly rate, a quarter of headroom
    [InlineData(3000, 150, 60, 1000)] // more than a page above the boundary: the API's maximum
    [InlineData(0, 0, 60, 1000)] // no boundary: the sync pages to the lookback
    public void PageSize_Expectation_FitsWhatCanChangePlusHeadroom(int above, int lastHour, int seconds, int expected)
    {
        var size = new IncrementalExpectation(above, lastHour).PageSize(TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, size);
    }

    [Theory]
    [InlineData(10, 40)]
    [InlineData(300, 1000)]
    [InlineData(1000, 1000)]
    public void NextPageSize_PageEndedAboveTheBoundary_GrowsFourfoldUpToTheMaximum(int previous, int expected) =>
        Assert.Equal(expected, IncrementalExpectation.NextPageSize(previous));
}
