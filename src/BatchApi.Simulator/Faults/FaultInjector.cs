using BatchApi.Simulator.Http;

namespace BatchApi.Simulator.Faults;

/// <summary>
/// A queue of faults. Each authenticated API response takes the first queued fault that matches its endpoint and
/// can shape it (<see cref="SimulatedFaultKind.PaginationLoop"/> only list responses; unknown status and extra fields
/// only list and retrieve). Requests rejected by authentication or validation take no fault. Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<QueuedFault> _queue = [];

    /// <summary>Number of fault applications still queued.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Sum(static q => q.Remaining);
            }
        }
    }

    /// <summary>The next <paramref name="count"/> matching responses get <paramref name="fault"/>.</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many responses it affects.</param>
    /// <param name="endpoint"><c>list</c>, <c>retrieve</c>, <c>results</c>, or null for any API endpoint.</param>
    public void Enqueue(SimulatedFault fault, int count = 1, string? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (endpoint is not null && !ApiEndpointNames.IsApi(endpoint))
        {
            throw new ArgumentException($"Unknown endpoint '{endpoint}'; use list, retrieve, results or null.", nameof(endpoint));
        }

        lock (_gate)
        {
            _queue.Add(new QueuedFault(fault, endpoint, count));
        }
    }

    /// <summary>Removes every queued fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
        }
    }

    /// <summary>Takes one application of the first fault for <paramref name="endpoint"/>, if any.</summary>
    internal SimulatedFault? TryTake(string endpoint)
    {
        lock (_gate)
        {
            for (var i = 0; i < _queue.Count; i++)
            {
                var queued = _queue[i];
                if ((queued.Endpoint ?? endpoint) != endpoint || !queued.Fault.AppliesTo(endpoint))
                {
                    continue;
                }

                if (--queued.Remaining == 0)
                {
                    _queue.RemoveAt(i);
                }

                return queued.Fault;
            }

            return null;
        }
    }

    private sealed class QueuedFault(SimulatedFault fault, string? endpoint, int remaining)
    {
        public SimulatedFault Fault { get; } = fault;

        public string? Endpoint { get; } = endpoint;

        public int Remaining { get; set; } = remaining;
    }
}
