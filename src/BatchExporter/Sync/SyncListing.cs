using System.Collections;

namespace BatchExporter.Sync;

/// <summary>What one sync listed: batches newest first, and how far down the list it went.</summary>
internal sealed class SyncListing
{
    private readonly ChunkedList _batches = new();

    public IReadOnlyList<TrackedBatch> Batches => _batches;

    /// <summary>Gets a value indicating whether the listing reached the oldest batch the API has (<c>has_more</c> false).</summary>
    public bool ReachedEnd { get; set; }

    /// <summary>Gets the creation time of the oldest listed batch.</summary>
    public DateTimeOffset OldestCreatedAt { get; private set; } = DateTimeOffset.MaxValue;

    /// <summary>Gets the number of list calls made.</summary>
    public int Calls { get; set; }

    /// <summary>
    /// Gets the <c>results_url</c> of each ended batch listed, by id, when the sync was asked to keep them (results
    /// insight on, after the first sync): the ledger keeps no URLs, only the batches seen ending need one.
    /// </summary>
    public Dictionary<string, string>? ResultsUrls { get; set; }

    public void Add(TrackedBatch batch)
    {
        _batches.Add(batch);
        if (batch.CreatedAt < OldestCreatedAt)
        {
            OldestCreatedAt = batch.CreatedAt;
        }
    }

    /// <summary>Drops the staged batches (the ledger has applied them); <see cref="Batches"/> is empty after.</summary>
    public void ReleaseBatches() => _batches.Clear();

    /// <summary>
    /// An append-only list in fixed chunks below the large-object threshold: a first sync of a million batches never
    /// copies a growing array, and what it stages is freed by ordinary gen-0/1 collections.
    /// </summary>
    private sealed class ChunkedList : IReadOnlyList<TrackedBatch>
    {
        private const int Shift = 10;
        private const int ChunkSize = 1 << Shift; // 1024 × 72 bytes: under the 85,000-byte LOH threshold
        private readonly List<TrackedBatch[]> _chunks = [];

        public int Count { get; private set; }

        public TrackedBatch this[int index] => (uint)index < (uint)Count
            ? _chunks[index >> Shift][index & (ChunkSize - 1)]
            : throw new ArgumentOutOfRangeException(nameof(index));

        public void Clear()
        {
            _chunks.Clear();
            _chunks.Capacity = 0;
            Count = 0;
        }

        public void Add(TrackedBatch batch)
        {
            if ((Count & (ChunkSize - 1)) == 0)
            {
                _chunks.Add(new TrackedBatch[ChunkSize]);
            }

            _chunks[^1][Count & (ChunkSize - 1)] = batch;
            Count++;
        }

        public IEnumerator<TrackedBatch> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return _chunks[i >> Shift][i & (ChunkSize - 1)];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
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
