namespace BatchApi.Simulator.State;

/// <summary>
/// Ends batches when their time comes. Only unfinished batches are queued, so advancing the clock costs
/// O(log n) per batch that ends and nothing for history. A rescheduled batch (cancel) is queued again; the stale
/// entry is recognised by its due time and skipped.
/// </summary>
internal sealed class BatchLifecycle
{
    private readonly PriorityQueue<BatchRecord, DateTimeOffset> _due = new();

    public void Schedule(BatchRecord record) => _due.Enqueue(record, record.DueAt);

    /// <summary>Ends every batch due at or before <paramref name="now"/>, at its due time.</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        while (_due.TryPeek(out var record, out var dueAt) && dueAt <= now)
        {
            _due.Dequeue();
            if (!record.IsEnded && !record.Deleted && record.DueAt == dueAt)
            {
                record.End(dueAt, record.Outcome);
            }
        }
    }
}
