namespace BatchApi.Simulator.State;

/// <summary>
/// The batches of one workspace, oldest first, with an id index so a cursor is found in O(1) and a page costs
/// O(limit). Deleted batches stay as tombstones (skipped when listing, still valid as cursors) until they outnumber
/// the live ones. Appending in creation order is O(1); an out-of-order creation time re-sorts once on the next read.
/// </summary>
internal sealed class BatchStore
{
    private const int CompactionThreshold = 4096;

    private readonly List<BatchRecord> _ordered = [];
    private readonly Dictionary<string, BatchRecord> _byId = new(StringComparer.Ordinal);
    private long _nextSequence;
    private int _tombstones;
    private bool _unsorted;

    public int Count => _ordered.Count - _tombstones;

    public bool Contains(string id) => _byId.ContainsKey(id);

    public void Add(BatchRecord record)
    {
        record.Sequence = _nextSequence++;
        record.Index = _ordered.Count;
        if (_ordered.Count > 0 && Compare(_ordered[^1], record) > 0)
        {
            _unsorted = true;
        }

        _byId.Add(record.Id, record);
        _ordered.Add(record);
    }

    /// <summary>The live batch with this id, or null (unknown or deleted).</summary>
    public BatchRecord? Find(string id) =>
        _byId.TryGetValue(id, out var record) && !record.Deleted ? record : null;

    public void Remove(BatchRecord record)
    {
        record.Deleted = true;
        _tombstones++;
        if (_tombstones > CompactionThreshold && _tombstones > Count)
        {
            Compact();
        }
    }

    /// <summary>Every live batch, newest first.</summary>
    public IEnumerable<BatchRecord> NewestFirst()
    {
        EnsureOrdered();
        for (var i = _ordered.Count - 1; i >= 0; i--)
        {
            if (!_ordered[i].Deleted)
            {
                yield return _ordered[i];
            }
        }
    }

    /// <summary>The page for <paramref name="request"/>, or null when its cursor is not a known id.</summary>
    public (List<BatchRecord> Records, bool HasMore)? Page(PageRequest request)
    {
        EnsureOrdered();
        var cursorId = request.AfterId ?? request.BeforeId;
        var cursor = _ordered.Count;
        if (cursorId is not null)
        {
            if (!_byId.TryGetValue(cursorId, out var record))
            {
                return null;
            }

            cursor = record.Index;
        }

        return request.BeforeId is null ? Older(cursor, request.Limit) : Newer(cursor, request.Limit);
    }

    private (List<BatchRecord>, bool) Older(int cursor, int limit)
    {
        var page = new List<BatchRecord>(Math.Min(limit, Count));
        var i = cursor - 1;
        for (; i >= 0 && page.Count < limit; i--)
        {
            if (!_ordered[i].Deleted)
            {
                page.Add(_ordered[i]);
            }
        }

        return (page, AnyLive(i, -1));
    }

    private (List<BatchRecord>, bool) Newer(int cursor, int limit)
    {
        var page = new List<BatchRecord>(Math.Min(limit, Count));
        var i = cursor + 1;
        for (; i < _ordered.Count && page.Count < limit; i++)
        {
            if (!_ordered[i].Deleted)
            {
                page.Add(_ordered[i]);
            }
        }

        page.Reverse();
        return (page, AnyLive(i, +1));
    }

    private bool AnyLive(int from, int step)
    {
        for (var i = from; i >= 0 && i < _ordered.Count; i += step)
        {
            if (!_ordered[i].Deleted)
            {
                return true;
            }
        }

        return false;
    }

    private void EnsureOrdered()
    {
        if (!_unsorted)
        {
            return;
        }

        _ordered.Sort(Compare);
        Reindex();
        _unsorted = false;
    }

    private void Compact()
    {
        foreach (var record in _ordered)
        {
            if (record.Deleted)
            {
                _byId.Remove(record.Id);
            }
        }

        _ordered.RemoveAll(static r => r.Deleted);
        _tombstones = 0;
        Reindex();
    }

    private void Reindex()
    {
        for (var i = 0; i < _ordered.Count; i++)
        {
            _ordered[i].Index = i;
        }
    }

    private static int Compare(BatchRecord x, BatchRecord y)
    {
        var byTime = x.CreatedAt.CompareTo(y.CreatedAt);
        return byTime != 0 ? byTime : x.Sequence.CompareTo(y.Sequence);
    }
}
