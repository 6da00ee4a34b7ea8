namespace BatchApi.Simulator.State;

/// <summary>
/// The batches of one workspace. Every read first applies the lifecycle up to <see cref="BatchSimulator.Time"/>,
/// so a view is always current. Thread-safe (the simulator's single lock).
/// </summary>
public sealed class SimulatedWorkspace
{
    private const int MaxRequests = 100_000;

    private readonly BatchSimulator _simulator;
    private readonly BatchStore _store = new();
    private readonly BatchLifecycle _lifecycle = new();

    internal SimulatedWorkspace(BatchSimulator simulator, string id)
    {
        _simulator = simulator;
        Id = id;
    }

    public string Id { get; }

    /// <summary>Number of batches (deleted ones excluded).</summary>
    public int Count
    {
        get
        {
            lock (_simulator.Gate)
            {
                return _store.Count;
            }
        }
    }

    /// <summary>
    /// Creates a batch of <paramref name="requests"/> requests (1..100,000) at <paramref name="createdAt"/> (default
    /// now; an earlier time seeds history and the lifecycle catches up at once) that ends as <paramref name="plan"/>
    /// says (default <see cref="BatchPlan.Default"/>).
    /// </summary>
    public BatchView CreateBatch(int requests, BatchPlan? plan = null, DateTimeOffset? createdAt = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requests, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requests, MaxRequests);
        plan ??= BatchPlan.Default;
        plan.Validate();
        lock (_simulator.Gate)
        {
            var now = AdvanceToNow();
            var created = createdAt is { } at ? BatchTimes.ToMicroseconds(at) : now;
            ArgumentOutOfRangeException.ThrowIfGreaterThan(created, now, nameof(createdAt));
            var record = new BatchRecord(NewId(), requests, created)
            {
                Plan = plan,
                Outcome = RequestSplit.Planned(requests, plan),
            };
            record.DueAt = plan.FinishesBeforeExpiry ? created + plan.Duration : record.ExpiresAt;
            _store.Add(record);
            _lifecycle.Schedule(record);
            _lifecycle.AdvanceTo(now);
            return Current(record);
        }
    }

    /// <summary>
    /// Starts canceling an <c>in_progress</c> batch: <c>canceling</c> with <c>cancel_initiated_at</c> = now, then
    /// ended after <see cref="SimulatorOptions.CancelDelay"/> (or at expiry, if sooner) with the requests processed by
    /// now split as planned and the rest canceled.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such batch.</exception>
    /// <exception cref="InvalidOperationException">The batch is not in progress.</exception>
    public BatchView Cancel(string id)
    {
        lock (_simulator.Gate)
        {
            var now = AdvanceToNow();
            var record = Require(id);
            if (record.Status != BatchStatus.InProgress)
            {
                throw new InvalidOperationException($"Batch {id} is {record.Status}; only in_progress batches can be canceled.");
            }

            record.Status = BatchStatus.Canceling;
            record.CancelInitiatedAt = now;
            record.Outcome = RequestSplit.Canceled(record.Size, record.Plan, now - record.CreatedAt);
            var due = BatchTimes.ToMicroseconds(now + _simulator.Options.CancelDelay);
            record.DueAt = due < record.ExpiresAt ? due : record.ExpiresAt;
            _lifecycle.Schedule(record);
            return Current(record);
        }
    }

    /// <summary>Ends a batch now with the given split, whatever its plan.</summary>
    /// <exception cref="ArgumentException">The counts do not add up to the batch size.</exception>
    /// <exception cref="InvalidOperationException">The batch has already ended.</exception>
    public BatchView EndNow(string id, int succeeded, int errored, int canceled = 0, int expired = 0)
    {
        lock (_simulator.Gate)
        {
            var now = AdvanceToNow();
            var record = Require(id);
            var outcome = new RequestCountsView(0, succeeded, errored, canceled, expired);
            if (Math.Min(Math.Min(succeeded, errored), Math.Min(canceled, expired)) < 0 || outcome.Total != record.Size)
            {
                throw new ArgumentException($"Counts must be non-negative and add up to the batch size {record.Size}.", nameof(succeeded));
            }

            if (record.IsEnded)
            {
                throw new InvalidOperationException($"Batch {id} has already ended.");
            }

            record.End(now, outcome);
            return Current(record);
        }
    }

    /// <summary>Deletes an ended batch: it disappears from listings and retrieval (as in the real API).</summary>
    /// <exception cref="InvalidOperationException">The batch has not ended.</exception>
    public void Delete(string id)
    {
        lock (_simulator.Gate)
        {
            AdvanceToNow();
            var record = RequireEnded(id, "deleted");
            _store.Remove(record);
        }
    }

    /// <summary>Archives an ended batch: sets <c>archived_at</c> to now (its results become unavailable).</summary>
    /// <exception cref="InvalidOperationException">The batch has not ended.</exception>
    public void Archive(string id)
    {
        lock (_simulator.Gate)
        {
            var now = AdvanceToNow();
            var record = RequireEnded(id, "archived");
            record.ArchivedAt ??= now;
        }
    }

    /// <exception cref="KeyNotFoundException">No such batch.</exception>
    public BatchView Get(string id)
    {
        lock (_simulator.Gate)
        {
            AdvanceToNow();
            return Current(Require(id));
        }
    }

    /// <summary>Every batch, newest first, in its current state.</summary>
    public IReadOnlyList<BatchView> List()
    {
        lock (_simulator.Gate)
        {
            AdvanceToNow();
            var resultsBase = _simulator.ResultsBase;
            return [.. _store.NewestFirst().Select(r => r.ToView(resultsBase))];
        }
    }

    /// <summary>The simulator's current time, at the API's microsecond precision.</summary>
    internal DateTimeOffset Now => BatchTimes.ToMicroseconds(_simulator.Time.GetUtcNow());

    /// <summary>The batch with this id, or null.</summary>
    internal BatchView? Find(string id)
    {
        lock (_simulator.Gate)
        {
            AdvanceToNow();
            return _store.Find(id) is { } record ? Current(record) : null;
        }
    }

    /// <summary>One list page, or null when the cursor is unknown.</summary>
    internal BatchPage? Page(PageRequest request)
    {
        lock (_simulator.Gate)
        {
            AdvanceToNow();
            if (_store.Page(request) is not var (records, hasMore))
            {
                return null;
            }

            var resultsBase = _simulator.ResultsBase;
            var data = new BatchView[records.Count];
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = records[i].ToView(resultsBase);
            }

            return new BatchPage(data, hasMore);
        }
    }

    /// <summary>Adds a batch that has already ended (fast path for seeded history; no lifecycle work).</summary>
    internal void AddEnded(int size, DateTimeOffset createdAt, DateTimeOffset endedAt, RequestCountsView outcome,
        DateTimeOffset? cancelInitiatedAt = null, DateTimeOffset? archivedAt = null)
    {
        lock (_simulator.Gate)
        {
            var record = new BatchRecord(NewId(), size, BatchTimes.ToMicroseconds(createdAt))
            {
                CancelInitiatedAt = cancelInitiatedAt is { } c ? BatchTimes.ToMicroseconds(c) : null,
                ArchivedAt = archivedAt is { } a ? BatchTimes.ToMicroseconds(a) : null,
            };
            record.End(BatchTimes.ToMicroseconds(endedAt), outcome);
            _store.Add(record);
        }
    }

    private string NewId()
    {
        string id;
        do
        {
            id = _simulator.Ids.Next();
        }
        while (_store.Contains(id));

        return id;
    }

    /// <summary>Applies the lifecycle up to now and returns now (microsecond precision, like the API).</summary>
    private DateTimeOffset AdvanceToNow()
    {
        var now = Now;
        _lifecycle.AdvanceTo(now);
        return now;
    }

    private BatchView Current(BatchRecord record) => record.ToView(_simulator.ResultsBase);

    private BatchRecord Require(string id) =>
        _store.Find(id) ?? throw new KeyNotFoundException($"No batch {id} in workspace {Id}.");

    private BatchRecord RequireEnded(string id, string action)
    {
        var record = Require(id);
        return record.IsEnded
            ? record
            : throw new InvalidOperationException($"Batch {id} is {record.Status}; only ended batches can be {action}.");
    }
}
