namespace BatchExporter.Sync;

/// <summary>
/// What a scrape reads about one workspace's batches: built once per successful sync, never changed after.
/// A scrape reads this and nothing else (it never walks the ledger, never calls the API).
/// </summary>
internal sealed class LedgerSnapshot
{
    public static readonly LedgerSnapshot Empty = new(new Dictionary<string, int>(), default, [], 0, 0);

    private LedgerSnapshot(IReadOnlyDictionary<string, int> byStatus, RequestTotals requests, SeriesBatch[] active, int seriesCount, int tracked)
    {
        BatchesByStatus = byStatus;
        Requests = requests;
        Active = active;
        PerBatchSeriesCount = seriesCount;
        Tracked = tracked;
        OldestActiveCreatedAt = active.Length == 0 ? null : active.Min(a => a.CreatedAt);
    }

    /// <summary>Gets the batches in the lookback window by <c>processing_status</c>; the documented statuses are always present.</summary>
    public IReadOnlyDictionary<string, int> BatchesByStatus { get; }

    /// <summary>Gets the sum of <c>request_counts</c> over tracked batches.</summary>
    public RequestTotals Requests { get; }

    /// <summary>Gets the batches not yet ended, soonest <c>expires_at</c> first.</summary>
    public IReadOnlyList<SeriesBatch> Active { get; }

    /// <summary>Gets how many of <see cref="Active"/> (the first ones) get per-batch series; the rest are the overflow.</summary>
    public int PerBatchSeriesCount { get; }

    /// <summary>Gets the batches with per-batch series.</summary>
    public IEnumerable<SeriesBatch> PerBatchSeries => Active.Take(PerBatchSeriesCount);

    public int PerBatchSeriesOverflow => Active.Count - PerBatchSeriesCount;

    public DateTimeOffset? OldestActiveCreatedAt { get; }

    public int Tracked { get; }

    /// <summary>Counts the batches not yet ended whose <c>expires_at</c> is at or before <paramref name="deadline"/>.</summary>
    public int CountExpiringBy(DateTimeOffset deadline)
    {
        int lo = 0, hi = Active.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Active[mid].ExpiresAt <= deadline)
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

    public static LedgerSnapshot Build(BatchLedger ledger, int maxBatchSeries)
    {
        var byStatus = BatchStatus.Known.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        long processing = 0, succeeded = 0, errored = 0, canceled = 0, expired = 0;
        var active = new List<SeriesBatch>();
        foreach (var batch in ledger.Batches)
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
                active.Add(new SeriesBatch(batch.Id, batch.Status, batch.CreatedAt, batch.ExpiresAt, batch.EndedAt, batch.Counts));
            }
        }

        var sorted = active.ToArray();
        Array.Sort(sorted, static (a, b) => a.ExpiresAt != b.ExpiresAt ? a.ExpiresAt.CompareTo(b.ExpiresAt) : string.CompareOrdinal(a.Id, b.Id));
        return new LedgerSnapshot(
            byStatus,
            new RequestTotals(processing, succeeded, errored, canceled, expired),
            sorted,
            Math.Min(sorted.Length, maxBatchSeries),
            ledger.Count);
    }
}

/// <summary>A batch as the per-batch series show it.</summary>
internal sealed record SeriesBatch(string Id, string Status, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? EndedAt, BatchCounts Counts);

/// <summary>Requests by state, summed over batches.</summary>
internal readonly record struct RequestTotals(long Processing, long Succeeded, long Errored, long Canceled, long Expired);
