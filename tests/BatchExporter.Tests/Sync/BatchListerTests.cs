using BatchExporter.Api;
using BatchExporter.Sync;
using BatchExporter.Tests.Infrastructure;
using static BatchExporter.Tests.Infrastructure.ScriptedListApi;

namespace BatchExporter.Tests.Sync;

/// <summary>
/// <see cref="BatchLister"/> over loopback HTTP against list pages the simulator never serves: an empty page that says
/// <c>has_more</c> (a pagination loop: the cursor cannot move), a page without <c>last_id</c>; and where it stops: at the
/// lookback start, at the incremental boundary.
/// </summary>
public sealed class BatchListerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LongAgo = T0.AddDays(-30);

    private static async Task<(SyncListing? Listing, ApiException? Error, IReadOnlyList<IReadOnlyDictionary<string, string>> Queries)> ListAsync(
        string[] pages, SyncKind kind = SyncKind.Full, TrackedBatch? boundary = null, IncrementalExpectation expectation = default, DateTimeOffset? lookbackStart = null)
    {
        await using var api = await DirectApi.StartAsync();
        await using var scripted = await ScriptedListApi.StartAsync(pages);
        using var source = api.Source(baseUrl: scripted.BaseUrl);
        var lister = new BatchLister(api.Client);
        try
        {
            var listing = await lister.ListAsync(source, kind, boundary, expectation, TimeSpan.FromMinutes(1), lookbackStart ?? LongAgo, CancellationToken.None);
            return (listing, null, scripted.Queries);
        }
        catch (ApiException e)
        {
            return (null, e, scripted.Queries);
        }
    }

    private static TrackedBatch Tracked(string id, int minute) =>
        new(id, "in_progress", new BatchCounts(1, 0, 0, 0, 0), T0.AddMinutes(minute), T0.AddDays(1), null, null);

    [Fact]
    public async Task ListAsync_FirstPageEmptyButHasMore_FailsAsPaginationLoopAfterOneCall()
    {
        var (listing, error, queries) = await ListAsync([Page(true, null)]);

        Assert.Null(listing);
        Assert.Equal(SyncFailureReason.PaginationLoop, error?.Reason); // docs/operating.md: "has_more with an empty page" is a pagination loop
        Assert.Equal("pagination loop: list page is empty but has_more is true", error?.Message); // the exporter's last_sync_error text
        Assert.Single(queries);
    }

    [Fact]
    public async Task ListAsync_LaterPageEmptyButHasMore_FailsAsPaginationLoopAfterTwoCalls()
    {
        var (listing, error, queries) = await ListAsync([Page(true, "b2", Batch("b3", 30), Batch("b2", 20)), Page(true, "b2")]);

        Assert.Null(listing);
        Assert.Equal(SyncFailureReason.PaginationLoop, error?.Reason); // docs/operating.md: "has_more with an empty page" is a pagination loop
        Assert.Equal(2, queries.Count);
    }

    [Fact]
    public async Task ListAsync_EmptyLastPage_ReachesTheEnd()
    {
        var (listing, error, queries) = await ListAsync([Page(true, "b2", Batch("b3", 30), Batch("b2", 20)), Page(false, null)]);

        Assert.Null(error);
        Assert.True(listing!.ReachedEnd);
        Assert.Equal(["b3", "b2"], listing.Batches.Select(b => b.Id));
        Assert.Equal(2, listing.Calls);
        Assert.Equal(2, queries.Count);
    }

    [Fact]
    public async Task ListAsync_PageWithoutLastId_NextPageIsAfterItsLastBatch()
    {
        var (listing, error, queries) = await ListAsync([Page(true, null, Batch("b3", 30), Batch("b2", 20)), Page(false, null, Batch("b1", 10))]);

        Assert.Null(error);
        Assert.Equal(["b3", "b2", "b1"], listing!.Batches.Select(b => b.Id));
        Assert.False(queries[0].ContainsKey("after_id"));
        Assert.Equal("b2", queries[1]["after_id"]);
        Assert.Equal(["1000", "1000"], queries.Select(q => q["limit"]));
    }

    [Fact]
    public async Task ListAsync_FullSync_StopsAtThePageThatGoesBelowTheLookbackStart()
    {
        // The first page ends exactly at the lookback start: nothing below it seen yet, so the next page is read; it
        // goes below, so the sync stops there although the API has more.
        var (listing, error, queries) = await ListAsync(
            [Page(true, "b2", Batch("b3", 30), Batch("b2", 20)), Page(true, "b1", Batch("b1", 10)), Page(false, null, Batch("b0", 5))],
            lookbackStart: T0.AddMinutes(20));

        Assert.Null(error);
        Assert.Equal(2, queries.Count);
        Assert.Equal(2, listing!.Calls);
        Assert.False(listing.ReachedEnd);
        Assert.Equal(["b3", "b2", "b1"], listing.Batches.Select(b => b.Id));
    }

    [Fact]
    public async Task ListAsync_Incremental_FirstPageFitsTheExpectationThenGrowsUntilTheBoundary()
    {
        // 2 batches above the boundary, none created in the last hour: 2 + 4 of headroom = a first page of 6; a page
        // that ends above the boundary with has_more makes the next one four times larger; the page that shows the
        // boundary ends the sync, has_more or not.
        var (listing, error, queries) = await ListAsync(
            [Page(true, "b8", Batch("b9", 9), Batch("b8", 8)), Page(true, "b4", Batch("b7", 7), Batch("b5", 5), Batch("b4", 4)), Page(false, null, Batch("b3", 3))],
            SyncKind.Incremental, Tracked("b5", 5), new IncrementalExpectation(2, 0, 1));

        Assert.Null(error);
        Assert.Equal(["6", "24"], queries.Select(q => q["limit"]));
        Assert.Equal("b8", queries[1]["after_id"]);
        Assert.Equal(["b9", "b8", "b7", "b5", "b4"], listing!.Batches.Select(b => b.Id));
        Assert.False(listing.ReachedEnd);
    }

    [Fact]
    public async Task ListAsync_Incremental_StopsOnlyOnceEveryBatchOfTheBoundaryInstantIsListed()
    {
        // Two tracked batches share the boundary's instant (minute 5): the page that shows one of them is not enough.
        var (listing, error, queries) = await ListAsync(
            [Page(true, "b5a", Batch("b9", 9), Batch("b5a", 5)), Page(true, "b5b", Batch("b5b", 5)), Page(false, null, Batch("b3", 3))],
            SyncKind.Incremental, Tracked("b5a", 5), new IncrementalExpectation(3, 0, 2));

        Assert.Null(error);
        Assert.Equal(2, queries.Count);
        Assert.Equal(["b9", "b5a", "b5b"], listing!.Batches.Select(b => b.Id));
    }

    [Fact]
    public async Task ListAsync_CursorComesBack_FailsAsPaginationLoop()
    {
        var (listing, error, queries) = await ListAsync(
            [Page(true, "b2", Batch("b3", 30), Batch("b2", 20)), Page(true, "b1", Batch("b1", 10)), Page(true, "b2", Batch("b2", 20))]);

        Assert.Null(listing);
        Assert.Equal(SyncFailureReason.PaginationLoop, error?.Reason);
        Assert.Equal("pagination loop: cursor b2 came back after 3 pages", error?.Message);
        Assert.Equal(3, queries.Count);
    }
}
