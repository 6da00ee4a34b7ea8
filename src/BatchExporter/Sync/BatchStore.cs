using System.Runtime.InteropServices;

namespace BatchExporter.Sync;

/// <summary>
/// The ledger's batches, compact: one dictionary entry of 88 bytes per batch (a 24-byte <see cref="BatchKey"/> and a
/// 56-byte <see cref="StoredBatch"/>, no object and no string per batch), where a dictionary of
/// <see cref="TrackedBatch"/> by id string took 176 (a 72-byte record, 16 bytes of entry, an 88-byte string). Ids that do
/// not pack live in a small table, indexed by their keys.
/// Not thread-safe; the ledger's owner is the only user.
/// </summary>
internal sealed class BatchStore
{
    private readonly Dictionary<BatchKey, StoredBatch> _batches = [];
    private readonly Dictionary<string, int> _unpackedIndex = new(StringComparer.Ordinal);
    private readonly List<string?> _unpacked = [];
    private readonly Stack<int> _freeUnpacked = new();

    public int Count => _batches.Count;

    /// <summary>Gets how many batches fit before the dictionary grows.</summary>
    public int Capacity => _batches.EnsureCapacity(0);

    /// <summary>Gets how many ids did not pack and are held as strings (the API's own ids all pack).</summary>
    public int UnpackedCount => _unpackedIndex.Count;

    public void EnsureCapacity(int capacity) => _batches.EnsureCapacity(capacity);

    public void TrimExcess(int capacity) => _batches.TrimExcess(capacity);

    /// <summary>The key of <paramref name="id"/>; an id that does not pack gets a table slot (see <see cref="ReleaseUnused"/>).</summary>
    public BatchKey KeyOf(string id)
    {
        if (BatchKey.TryPack(id, out var key))
        {
            return key;
        }

        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_unpackedIndex, id, out var exists);
        if (!exists)
        {
            if (_freeUnpacked.TryPop(out var free))
            {
                index = free;
                _unpacked[free] = id;
            }
            else
            {
                index = _unpacked.Count;
                _unpacked.Add(id);
            }
        }

        return BatchKey.Unpacked(index);
    }

    public string IdOf(BatchKey key) => key.IsUnpacked ? _unpacked[key.UnpackedIndex]! : key.Unpack();

    public bool TryAdd(BatchKey key, in TrackedBatch batch) => _batches.TryAdd(key, StoredBatch.From(batch));

    /// <summary>Stores <paramref name="batch"/> under <paramref name="key"/>; returns whether it was known and, if so, whether it had ended.</summary>
    public bool Set(BatchKey key, in TrackedBatch batch, out bool wasEnded)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_batches, key, out var known);
        wasEnded = known && slot.IsEnded;
        slot = StoredBatch.From(batch);
        return known;
    }

    public void Remove(BatchKey key) => _batches.Remove(key);

    /// <summary>Frees the table slots of unpacked ids no batch is stored under (looked up, skipped, or removed).</summary>
    public void ReleaseUnused()
    {
        if (_unpackedIndex.Count == 0)
        {
            return;
        }

        List<string>? unused = null;
        foreach (var (id, index) in _unpackedIndex)
        {
            if (!_batches.ContainsKey(BatchKey.Unpacked(index)))
            {
                (unused ??= []).Add(id);
            }
        }

        foreach (var id in unused ?? [])
        {
            _unpackedIndex.Remove(id, out var index);
            _unpacked[index] = null;
            _freeUnpacked.Push(index);
        }
    }

    public TrackedBatch ToTracked(BatchKey key, in StoredBatch batch) => batch.ToTracked(IdOf(key));

    public Dictionary<BatchKey, StoredBatch>.Enumerator GetEnumerator() => _batches.GetEnumerator();
}

/// <summary>
/// What the ledger keeps of one batch besides its id: 56 bytes. Timestamps are UTC ticks (0 = absent); the status is a
/// <see cref="BatchStatus.Code"/>.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal readonly struct StoredBatch
{
    private readonly long _createdAt;
    private readonly long _expiresAt;
    private readonly long _endedAt;
    private readonly long _cancelInitiatedAt;
    private readonly BatchCounts _counts;
    private readonly int _status;

    private StoredBatch(in TrackedBatch batch)
    {
        _createdAt = batch.CreatedAtTicks;
        _expiresAt = batch.ExpiresAt.UtcTicks;
        _endedAt = batch.EndedAt?.UtcTicks ?? 0;
        _cancelInitiatedAt = batch.CancelInitiatedAt?.UtcTicks ?? 0;
        _counts = batch.Counts;
        _status = BatchStatus.Code(batch.Status);
    }

    public long CreatedAtTicks => _createdAt;

    public long EndedAtTicks => _endedAt;

    public bool IsEnded => _status == BatchStatus.EndedCode;

    public string Status => BatchStatus.FromCode(_status);

    public BatchCounts Counts => _counts;

    public static StoredBatch From(in TrackedBatch batch) => new(batch);

    public TrackedBatch ToTracked(string id) => new(
        id,
        Status,
        _counts,
        new DateTimeOffset(_createdAt, TimeSpan.Zero),
        new DateTimeOffset(_expiresAt, TimeSpan.Zero),
        _endedAt == 0 ? null : new DateTimeOffset(_endedAt, TimeSpan.Zero),
        _cancelInitiatedAt == 0 ? null : new DateTimeOffset(_cancelInitiatedAt, TimeSpan.Zero));
}
