using BatchExporter.Sync;

namespace BatchExporter.Metrics;

/// <summary>
/// Batches this process saw end, counted once each from the sync that saw it (batches already ended at the first
/// sync are the baseline and never counted, so a restart never produces a false jump).
/// </summary>
internal static class OutcomeFamilies
{
    /// <summary>1 minute to past the 24 h expiry: expired batches end at or after <c>expires_at</c>, and canceling can run longer.</summary>
    public static readonly double[] DurationBuckets = [60, 300, 600, 1800, 3600, 7200, 14400, 28800, 43200, 64800, 86400, 90000, 108000, 172800];

    private static readonly string[] EndReasons = ["completed", "canceled", "expired"];
    private static readonly string[] Results = ["succeeded", "errored", "canceled", "expired"];

    public static readonly IReadOnlyList<EventFamily<SyncReport>> All =
    [
        new(
            "anthropic_batches_ended", MetricType.Counter, null,
            "Batches this process saw end, by reason (canceled, expired, completed). Batches already ended at the first sync are not counted.",
            ["reason"],
            r => r.Ended.Select(b => new Sample(1, b.EndReason)),
            StartAtZero: [.. EndReasons.Select(reason => new Sample(0, reason))]),
        new(
            "anthropic_batch_request_results", MetricType.Counter, null,
            "Requests of the batches this process saw end, by result.",
            ["result"],
            r => r.Ended.SelectMany(ResultsOf),
            StartAtZero: [.. Results.Select(result => new Sample(0, result))]),
        new(
            "anthropic_batch_duration", MetricType.Histogram, "s",
            "ended_at minus created_at of the batches this process saw end, by reason.",
            ["reason"],
            r => r.Ended.Where(b => b.EndedAt is not null).Select(b => new Sample(Math.Max(0, (b.EndedAt!.Value - b.CreatedAt).TotalSeconds), b.EndReason)))
        {
            Buckets = DurationBuckets,
        },
    ];

    private static IEnumerable<Sample> ResultsOf(TrackedBatch batch) =>
    [
        new(batch.Counts.Succeeded, "succeeded"),
        new(batch.Counts.Errored, "errored"),
        new(batch.Counts.Canceled, "canceled"),
        new(batch.Counts.Expired, "expired"),
    ];
}
