namespace BatchApi.Simulator.State;

/// <summary>The mutable state of one batch. Guarded by the simulator's lock.</summary>
internal sealed class BatchRecord
{
    public BatchRecord(string id, int size, DateTimeOffset createdAt)
    {
        Id = id;
        Size = size;
        CreatedAt = createdAt;
        ExpiresAt = createdAt + BatchTimes.Lifetime;
        Outcome = RequestCountsView.AllProcessing(size);
    }

    public string Id { get; }

    public int Size { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Insertion order; breaks ties between equal <see cref="CreatedAt"/>.</summary>
    public long Sequence { get; set; }

    /// <summary>Position in the store's oldest-first list.</summary>
    public int Index { get; set; }

    public bool Deleted { get; set; }

    public string Status { get; set; } = BatchStatus.InProgress;

    public bool IsEnded => Status == BatchStatus.Ended;

    public BatchPlan Plan { get; set; } = BatchPlan.Default;

    /// <summary>When the batch ends unless something intervenes.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>The split the batch ends with; all <c>processing</c> until then.</summary>
    public RequestCountsView Outcome { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public DateTimeOffset? CancelInitiatedAt { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }

    public void End(DateTimeOffset endedAt, RequestCountsView outcome)
    {
        Status = BatchStatus.Ended;
        EndedAt = endedAt;
        Outcome = outcome;
    }

    public BatchView ToView(string resultsBase) => new(
        Id,
        Status,
        IsEnded ? Outcome : RequestCountsView.AllProcessing(Size),
        CreatedAt,
        ExpiresAt,
        EndedAt,
        CancelInitiatedAt,
        ArchivedAt,
        IsEnded ? $"{resultsBase}/v1/messages/batches/{Id}/results" : null);
}
