namespace BatchExporter.Sync;

/// <summary>
/// What a scrape reads about one workspace's batches: built once per successful sync, never changed after.
/// A scrape reads this and nothing else (it never walks the ledger, never calls the API).
/// </summary>
internal sealed class LedgerSnapshot
{
    public static readonly LedgerSnapshot Empty = new(new Dictionary<string, int>(), default, [], 0, [], TimeSpan.Zero, 0, 0);

    private readonly SeriesBatch[] _active;
    private readonly SeriesBatch[] _ended;
    private readonly TimeSpan _endedWindow;

    private LedgerSnapshot(
        IReadOnlyDictionary<string, int> byStatus,
        RequestTotals requests,
        SeriesBatch[] active,
        int activeSeries,
        SeriesBatch[] ended,
        TimeSpan endedWindow,
        int endedOverflow,
        int tracked)
    {
        BatchesByStatus = byStatus;
        Requests = requests;
        _active = active;
        PerBatchSeriesCount = activeSeries;
        _ended = ended;
        _endedWindow = endedWindow;
        PerBatchSeriesOverflow = active.Length - activeSeries + endedOverflow;
        Tracked = tracked;
        OldestActiveCreatedAt = active.Length == 0 ? null : active.Min(a => a.CreatedAt);
    }

    /// <summary>Gets the batches in the lookback window by <c>processing_status</c>; the documented statuses are always present.</summary>
    public IReadOnlyDictionary<string, int> BatchesByStatus { get; }

    /// <summary>Gets the sum of <c>request_counts</c> over tracked batches.</summary>
    public RequestTotals Requests { get; }

    /// <summary>Gets the batches not yet ended, soonest <c>expires_at</c> first.</summary>
    public IReadOnlyList<SeriesBatch> Active => _active;

    /// <summary>Gets how many of <see cref="Active"/> (the first ones) get per-batch series.</summary>
    public int PerBatchSeriesCount { get; }

    /// <summary>Gets the batches that get no per-batch series because of the cap: not yet ended, and ended within the window.</summary>
    public int PerBatchSeriesOverflow { get; }

    public DateTimeOffset? OldestActiveCreatedAt { get; }

    public int Tracked { get; }

    /// <summary>
    /// Gets the batches with per-batch series at <paramref name="now"/>: those not yet ended (soonest expiry first, capped),
    /// then those that ended within the window (most recently ended first, capped), the window evaluated at
    /// <paramref name="now"/> so an ended batch's series leave at the first scrape after it leaves the window.
    /// </summary>
    public IEnumerable<SeriesBatch> PerBatchSeries(DateTimeOffset now)
    {
        for (var i = 0; i < PerBatchSeriesCount; i++)
        {
            yield return _active[i];
        }

        var since = now - _endedWindow;
        foreach (var batch in _ended)
        {
            if (batch.EndedAt <= since)
            {
                yield break; // most recently ended first: the rest left the window too
            }

            yield return batch;
        }
    }

    /// <summary>Counts the batches not yet ended whose <c>expires_at</c> is at or before <paramref name="deadline"/>.</summary>
    public int CountExpiringBy(DateTimeOffset deadline)
    {
        int lo = 0, hi = _active.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_active[mid].ExpiresAt <= deadline)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// Builds the snapshot of <paramref name="ledger"/> at <paramref name="now"/>. Each of the two per-batch sets (not yet
    /// ended; ended within <paramref name="endedWindow"/>) is capped at <paramref name="maxBatchSeries"/>.
    /// </summary>
    public static LedgerSnapshot Build(BatchLedger ledger, int maxBatchSeries, DateTimeOffset now, TimeSpan endedWindow)
    {
        var byStatus = BatchStatus.Known.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        long processing = 0, succeeded = 0, errored = 0, canceled = 0, expired = 0;
        var active = new List<SeriesBatch>();
        var ended = new List<SeriesBatch>();
        var endedSince = now - endedWindow;
        var store = ledger.Store;
        foreach (var (key, batch) in store)
        {
            byStatus[batch.Status] = byStatus.GetValueOrDefault(batch.Status) + 1;
            var c = batch.Counts;
            processing += c.Processing;
            succeeded += c.Succeeded;
            errored += c.Errored;
            canceled += c.Canceled;
            expired += c.Expired;
            if (!batch.IsEnded)
            {
                active.Add(SeriesBatch.From(store.ToTracked(key, batch)));
            }
            else if (batch.EndedAtTicks != 0 && batch.EndedAtTicks > endedSince.UtcTicks)
            {
                ended.Add(SeriesBatch.From(store.ToTracked(key, batch)));
            }
        }

        var sortedActive = active.ToArray();
        Array.Sort(sortedActive, static (a, b) => a.ExpiresAt != b.ExpiresAt ? a.ExpiresAt.CompareTo(b.ExpiresAt) : string.CompareOrdinal(a.Id, b.Id));
        var sortedEnded = ended.ToArray();
        Array.Sort(sortedEnded, static (a, b) => a.EndedAt != b.EndedAt ? b.EndedAt!.Value.CompareTo(a.EndedAt!.Value) : string.CompareOrdinal(a.Id, b.Id));
        var endedSeries = Math.Min(sortedEnded.Length, maxBatchSeries);
        return new LedgerSnapshot(
            byStatus,
            new RequestTotals(processing, succeeded, errored, canceled, expired),
            sortedActive,
            Math.Min(sortedActive.Length, maxBatchSeries),
            sortedEnded[..endedSeries],
            endedWindow,
            sortedEnded.Length - endedSeries,
            ledger.Count);
    }
}

/// <summary>A batch as the per-batch series show it.</summary>
internal sealed record SeriesBatch(string Id, string Status, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? EndedAt, BatchCounts Counts)
{
    public static SeriesBatch From(TrackedBatch batch) => new(batch.Id, batch.Status, batch.CreatedAt, batch.ExpiresAt, batch.EndedAt, batch.Counts);
}

/// <summary>Requests by state, summed over batches.</summary>
internal readonly record struct RequestTotals(long Processing, long Succeeded, long Errored, long Canceled, long Expired);
