using BatchExporter.Api;

namespace BatchExporter.Sync;

/// <summary>What the ledger keeps of one batch: a compact value (about 64 bytes plus the id).</summary>
internal readonly record struct TrackedBatch(
    string Id,
    string Status,
    BatchCounts Counts,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? CancelInitiatedAt)
{
    public bool IsEnded => Status == BatchStatus.Ended;

    /// <summary>Gets how the batch ended: canceled if cancellation was asked for, else expired if any request expired, else completed.</summary>
    public string EndReason =>
        CancelInitiatedAt is not null ? "canceled" : Counts.Expired > 0 ? "expired" : "completed";

    public static TrackedBatch From(MessageBatch batch)
    {
        var c = batch.RequestCounts;
        return new TrackedBatch(
            batch.Id,
            BatchStatus.Intern(batch.ProcessingStatus),
            new BatchCounts(Clamp(c.Processing), Clamp(c.Succeeded), Clamp(c.Errored), Clamp(c.Canceled), Clamp(c.Expired)),
            batch.CreatedAt,
            batch.ExpiresAt,
            batch.EndedAt,
            batch.CancelInitiatedAt);
    }

    private static int Clamp(long value) => (int)Math.Clamp(value, 0, int.MaxValue);
}

/// <summary>A batch's <c>request_counts</c>.</summary>
internal readonly record struct BatchCounts(int Processing, int Succeeded, int Errored, int Canceled, int Expired)
{
    public long Size => (long)Processing + Succeeded + Errored + Canceled + Expired;
}
