namespace BatchExporter.Sync;

/// <summary>
/// What the next incremental sync expects to read, from the ledger after the last listing: the batches above its
/// boundary (<paramref name="AboveBoundary"/>, the boundary included), the recent rate of new batches (those created
/// in the hour before the newest one), and how many tracked batches were created in the same instant
/// as the boundary (<paramref name="BoundaryTies"/>, itself included: the listing has reached the boundary once it
/// has shown all of them, or a batch created before it). <see cref="PageSize"/> turns it into a <c>limit</c>.
/// </summary>
internal readonly record struct IncrementalExpectation(int AboveBoundary, int CreatedLastHour, int BoundaryTies = 1)
{
    /// <summary>The largest page the API serves (and the page of a full sync: the fewest calls per batch).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>
    /// The <c>limit</c> of an incremental sync's first page, <paramref name="sinceLastSync"/> after the last listing:
    /// the batches above the boundary (they may have changed), plus those expected to have been created since at the
    /// last hour's rate, plus a quarter (at least 4) of headroom, so the page ends at or below the boundary in one call
    /// while reading little more than what can change. A burst the last hour did not announce costs a few more calls
    /// (<see cref="NextPageSize"/>), never a missed batch.
    /// </summary>
    public int PageSize(TimeSpan sinceLastSync)
    {
        if (AboveBoundary == 0)
        {
            return MaxPageSize; // nothing to stop at: the sync pages to the lookback
        }

        var perSecond = CreatedLastHour / 3600.0;
        var expectedNew = Math.Min(MaxPageSize, Math.Ceiling(perSecond * Math.Max(0, sinceLastSync.TotalSeconds)));
        var expected = AboveBoundary + (int)expectedNew;
        return Math.Clamp(expected + Math.Max(4, expected / 4), 1, MaxPageSize);
    }

    /// <summary>
    /// The next page's <c>limit</c> when a page ended with <c>has_more</c> above the boundary: more arrived than the
    /// rate said (a burst), so each further page is four times larger, up to the API's maximum.
    /// </summary>
    public static int NextPageSize(int previous) => Math.Min(MaxPageSize, previous * 4);
}
