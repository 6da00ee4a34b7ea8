using BatchExporter.Api;

namespace BatchExporter.Sync;

/// <summary>
/// One batch as a listing stages it and the ledger hands it out: 72 bytes plus the id string (the ledger itself stores it
/// compactly, see <see cref="BatchStore"/>). Timestamps are stored as UTC ticks (0 = absent)
/// rather than <see cref="DateTimeOffset"/> values (16 bytes each, 24 when nullable); the status is interned.
/// </summary>
internal readonly record struct TrackedBatch
{
    private readonly long _createdAt;
    private readonly long _expiresAt;
    private readonly long _endedAt;
    private readonly long _cancelInitiatedAt;

    public TrackedBatch(string id, string status, BatchCounts counts, DateTimeOffset createdAt, DateTimeOffset expiresAt, DateTimeOffset? endedAt, DateTimeOffset? cancelInitiatedAt)
        : this(id, status, counts, createdAt.UtcTicks, expiresAt.UtcTicks, endedAt?.UtcTicks ?? 0, cancelInitiatedAt?.UtcTicks ?? 0)
    {
    }

    private TrackedBatch(string id, string status, BatchCounts counts, long createdAt, long expiresAt, long endedAt, long cancelInitiatedAt)
    {
        Id = id;
        Status = status;
        Counts = counts;
        _createdAt = createdAt;
        _expiresAt = expiresAt;
        _endedAt = endedAt;
        _cancelInitiatedAt = cancelInitiatedAt;
    }

    public string Id { get; }

    public string Status { get; }

    public BatchCounts Counts { get; }

    public DateTimeOffset CreatedAt => new(_createdAt, TimeSpan.Zero);

    public DateTimeOffset ExpiresAt => new(_expiresAt, TimeSpan.Zero);

    public DateTimeOffset? EndedAt => _endedAt == 0 ? null : new DateTimeOffset(_endedAt, TimeSpan.Zero);

    public DateTimeOffset? CancelInitiatedAt => _cancelInitiatedAt == 0 ? null : new DateTimeOffset(_cancelInitiatedAt, TimeSpan.Zero);

    /// <summary>Gets <see cref="CreatedAt"/> as UTC ticks, for the ledger's comparisons.</summary>
    public long CreatedAtTicks => _createdAt;

    public bool IsEnded => ReferenceEquals(Status, BatchStatus.Ended) || Status == BatchStatus.Ended;

    /// <summary>Gets how the batch ended: canceled if cancellation was asked for, else expired if any request expired, else completed.</summary>
    public string EndReason =>
        _cancelInitiatedAt != 0 ? "canceled" : Counts.Expired > 0 ? "expired" : "completed";

    public static TrackedBatch From(in ListedBatch batch) => new(
        batch.Id,
        BatchStatus.Intern(batch.ProcessingStatus),
        new BatchCounts(batch.Processing, batch.Succeeded, batch.Errored, batch.Canceled, batch.Expired),
        batch.CreatedAtTicks,
        batch.ExpiresAtTicks,
        batch.EndedAtTicks,
        batch.CancelInitiatedAtTicks);
}

/// <summary>A batch's <c>request_counts</c>.</summary>
internal readonly record struct BatchCounts(int Processing, int Succeeded, int Errored, int Canceled, int Expired)
{
    public long Size => (long)Processing + Succeeded + Errored + Canceled + Expired;
}
