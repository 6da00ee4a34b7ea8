namespace BatchExporter.Sync;

/// <summary>What one sync listed: batches newest first, and how far down the list it went.</summary>
internal sealed class SyncListing(SyncKind kind)
{
    private readonly List<TrackedBatch> _batches = [];

    public SyncKind Kind => kind;

    public IReadOnlyList<TrackedBatch> Batches => _batches;

    /// <summary>Gets a value indicating whether the listing reached the oldest batch the API has (<c>has_more</c> false).</summary>
    public bool ReachedEnd { get; set; }

    /// <summary>Gets the creation time of the oldest listed batch.</summary>
    public DateTimeOffset OldestCreatedAt { get; private set; } = DateTimeOffset.MaxValue;

    /// <summary>Gets the number of list calls made.</summary>
    public int Calls { get; set; }

    public void Add(TrackedBatch batch)
    {
        _batches.Add(batch);
        if (batch.CreatedAt < OldestCreatedAt)
        {
            OldestCreatedAt = batch.CreatedAt;
        }
    }
}

/// <summary>The <c>kind</c> label of <c>anthropic_batch_exporter_sync_duration_seconds</c>.</summary>
internal enum SyncKind
{
    /// <summary>Pages the whole lookback window: the first sync and the periodic resync.</summary>
    Full,

    /// <summary>Pages down to the oldest batch that can still change.</summary>
    Incremental,
}

internal static class SyncKindExtensions
{
    public static string ToLabel(this SyncKind kind) => kind == SyncKind.Full ? "full" : "incremental";
}
