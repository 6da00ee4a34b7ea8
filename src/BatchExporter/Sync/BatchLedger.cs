namespace BatchExporter.Sync;

/// <summary>
/// The tracked batches of one workspace and the rules of incremental sync: where the next sync may stop,
/// how a listing changes what is tracked, and which batches this process saw end. Pure logic: no I/O, no clock.
/// Not thread-safe; one poller owns it.
/// </summary>
internal sealed class BatchLedger
{
    private readonly BatchStore _batches = new();
    private TrackedBatch? _newest;
    private TrackedBatch? _oldestActive;

    /// <summary>Gets a value indicating whether a first sync has succeeded; batches ended before it are the baseline, never counted.</summary>
    public bool HasBaseline { get; private set; }

    public int Count => _batches.Count;

    /// <summary>
    /// Gets the batch an incremental sync must page down to: the older of the oldest batch not yet ended and the
    /// newest batch already known. Everything newer may have changed; everything older has ended and cannot.
    /// Null before the baseline or when nothing is tracked (then a sync pages to the lookback).
    /// </summary>
    public TrackedBatch? IncrementalBoundary =>
        _oldestActive is { } active && _newest is { } newest
            ? (active.CreatedAt <= newest.CreatedAt ? active : newest)
            : _oldestActive ?? _newest;

    /// <summary>Gets the tracked batches, each id unpacked into a new string: for tests and diagnostics; the snapshot reads <see cref="Store"/>.</summary>
    public IEnumerable<TrackedBatch> Batches
    {
        get
        {
            foreach (var (key, batch) in _batches)
            {
                yield return _batches.ToTracked(key, batch);
            }
        }
    }

    /// <summary>Gets the tracked batches as stored: a compact id and the fields, without a string per batch.</summary>
    public BatchStore Store => _batches;

    /// <summary>
    /// Gets what an incremental sync expects to read above its boundary, as of the last listing applied: the tracked
    /// batches created at or after <see cref="IncrementalBoundary"/> (the boundary included), how many were created in
    /// the hour before the newest one (the recent rate of new batches), and how many in the boundary's instant.
    /// </summary>
    public IncrementalExpectation Expectation { get; private set; }

    /// <summary>
    /// Applies one complete listing. <paramref name="listing"/> holds what the sync saw, newest first (duplicates
    /// across pages allowed: the first copy wins). Tracked batches inside the listed range that the listing lacks
    /// were deleted and leave; batches created before <paramref name="lookbackStart"/> leave too.
    /// </summary>
    /// <returns>The batches this listing shows ending, each once; none at the first sync (the baseline).</returns>
    public IReadOnlyList<TrackedBatch> Apply(SyncListing listing, DateTimeOffset lookbackStart)
    {
        if (_batches.Count == 0)
        {
            ApplyToEmpty(listing, lookbackStart);
            return [];
        }

        var ended = new List<TrackedBatch>();
        var seen = new HashSet<BatchKey>(listing.Batches.Count);
        var newestBefore = _newest?.CreatedAt;
        foreach (var batch in listing.Batches)
        {
            var key = _batches.KeyOf(batch.Id);
            if (!seen.Add(key) || batch.CreatedAt < lookbackStart)
            {
                continue;
            }

            var known = _batches.Set(key, batch, out var wasEnded);
            if (batch.IsEnded && HasBaseline && (known ? !wasEnded : batch.CreatedAt > newestBefore))
            {
                ended.Add(batch);
            }
        }

        RemoveUnlisted(listing, seen, lookbackStart);
        _batches.ReleaseUnused();
        TrimSlack();
        HasBaseline = true;
        RecomputeBounds();
        return ended;
    }

    /// <summary>
    /// The first sync (or one after everything left): the ledger is exactly the listing, sized once to fit (a growing
    /// dictionary would leave up to half its entries empty), and the first copy of an id wins without a seen set.
    /// Nothing ends: before the baseline nothing is counted, and with nothing known nothing is newer than the newest known
    /// batch (the rule <see cref="Apply"/> uses for batches it has not seen).
    /// </summary>
    private void ApplyToEmpty(SyncListing listing, DateTimeOffset lookbackStart)
    {
        _batches.EnsureCapacity(WithHeadroom(listing.Batches.Count));
        var lookbackTicks = lookbackStart.UtcTicks;
        foreach (var batch in listing.Batches)
        {
            if (batch.CreatedAtTicks >= lookbackTicks)
            {
                _batches.TryAdd(_batches.KeyOf(batch.Id), batch);
            }
        }

        _batches.ReleaseUnused();

        HasBaseline = true;
        RecomputeBounds();
    }

    /// <summary>Room for the window to grow by an eighth before the dictionary doubles (and a third of it stays empty).</summary>
    private static int WithHeadroom(int count) => count + (count / 8) + 64;

    /// <summary>After the window shrank (or a resize doubled it), gives back what it will not need.</summary>
    private void TrimSlack()
    {
        var capacity = _batches.Capacity;
        if (capacity > WithHeadroom(_batches.Count) * 3 / 2)
        {
            _batches.TrimExcess(WithHeadroom(_batches.Count));
        }
    }

    private void RemoveUnlisted(SyncListing listing, HashSet<BatchKey> seen, DateTimeOffset lookbackStart)
    {
        // The listing covers everything created after its oldest entry, or everything if it reached the end.
        var coveredFrom = listing.ReachedEnd ? DateTimeOffset.MinValue.UtcTicks : listing.OldestCreatedAt.UtcTicks;
        var lookbackTicks = lookbackStart.UtcTicks;
        List<BatchKey>? gone = null;
        foreach (var (id, batch) in _batches)
        {
            if (batch.CreatedAtTicks < lookbackTicks || (batch.CreatedAtTicks > coveredFrom && !seen.Contains(id)))
            {
                (gone ??= []).Add(id);
            }
        }

        if (gone is not null)
        {
            foreach (var id in gone)
            {
                _batches.Remove(id);
            }
        }
    }

    private void RecomputeBounds()
    {
        (BatchKey Key, StoredBatch Batch)? newestFound = null, oldestActive = null;
        foreach (var (key, batch) in _batches)
        {
            if (newestFound is not { } n || batch.CreatedAtTicks > n.Batch.CreatedAtTicks)
            {
                newestFound = (key, batch);
            }

            if (!batch.IsEnded && (oldestActive is not { } o || batch.CreatedAtTicks < o.Batch.CreatedAtTicks))
            {
                oldestActive = (key, batch);
            }
        }

        _newest = newestFound is { } nw ? _batches.ToTracked(nw.Key, nw.Batch) : null;
        _oldestActive = oldestActive is { } oa ? _batches.ToTracked(oa.Key, oa.Batch) : null;

        Expectation = IncrementalBoundary is { } boundary && _newest is { } newest ? Expect(boundary.CreatedAtTicks, newest.CreatedAtTicks) : default;
    }

    private IncrementalExpectation Expect(long boundaryTicks, long newestTicks)
    {
        int above = 0, lastHour = 0, ties = 0;
        var hourTicks = newestTicks - TimeSpan.TicksPerHour;
        foreach (var (_, batch) in _batches)
        {
            var created = batch.CreatedAtTicks;
            above += created >= boundaryTicks ? 1 : 0;
            ties += created == boundaryTicks ? 1 : 0;
            lastHour += created > hourTicks ? 1 : 0;
        }

        return new IncrementalExpectation(above, lastHour, ties);
    }
}
