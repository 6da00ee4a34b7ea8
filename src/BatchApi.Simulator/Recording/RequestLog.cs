namespace BatchApi.Simulator.Recording;

/// <summary>
/// Every API request served, in arrival order. An entry is added once the response status is decided and before
/// any byte of the response is sent, so a client that has its answer always finds its request here. Thread-safe.
/// </summary>
public sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly List<LoggedRequest> _entries = [];

    /// <summary>A snapshot copy of the entries.</summary>
    public IReadOnlyList<LoggedRequest> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Number of requests to <paramref name="endpoint"/> (<c>list</c>, <c>retrieve</c>, <c>results</c>).</summary>
    public int Count(string endpoint)
    {
        lock (_gate)
        {
            var count = 0;
            foreach (var entry in _entries)
            {
                if (entry.Endpoint == endpoint)
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>Bytes of the response bodies to <paramref name="endpoint"/> with a known length (every list and retrieve response).</summary>
    public long Bytes(string endpoint)
    {
        lock (_gate)
        {
            var bytes = 0L;
            foreach (var entry in _entries)
            {
                if (entry.Endpoint == endpoint)
                {
                    bytes += entry.ResponseBytes ?? 0;
                }
            }

            return bytes;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal void Add(LoggedRequest entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }
}
