using BatchExporter.Sync;

namespace BatchExporter.Metrics;

/// <summary>
/// One series set per batch that has per-batch series: every batch not yet ended (soonest expiry first) and every batch
/// that ended within <c>Exporter:EndedSeriesWindow</c> (most recently ended first), each set capped per workspace by
/// <c>Exporter:MaxBatchSeries</c> (the rest is <c>anthropic_batch_exporter_batch_series_overflow</c>). A batch's series
/// leave at the first scrape after it leaves the window. The ended batches' series are state derived from the API, so
/// a restarted process and both replicas of an HA pair serve the same values.
/// </summary>
internal static class PerBatchFamilies
{
    private const string Scope = " Per batch not yet ended, or ended within Exporter:EndedSeriesWindow (each capped by Exporter:MaxBatchSeries per workspace)." + BatchFamilies.FromLastSync;

    private static readonly string[] Results = ["succeeded", "errored", "canceled", "expired"];

    public static readonly IReadOnlyList<PerBatchFamily> All =
    [
        new(
            "anthropic_batch_status", null,
            "State set of each batch's processing_status: 1 for the current one, 0 for the others." + Scope,
            ["processing_status"],
            StatusSet),
        new(
            "anthropic_batch_created_timestamp", "s",
            "created_at of each batch." + Scope,
            [],
            (b, ref s) => s.Add(BatchFamilies.Seconds(b.CreatedAt))),
        new(
            "anthropic_batch_expires_timestamp", "s",
            "expires_at of each batch (created_at + 24 h)." + Scope,
            [],
            (b, ref s) => s.Add(BatchFamilies.Seconds(b.ExpiresAt))),
        new(
            "anthropic_batch_request_count", null,
            "Number of requests in each batch." + Scope,
            [],
            (b, ref s) => s.Add(b.Counts.Size)),
        new(
            "anthropic_batch_ended_timestamp", "s",
            "ended_at of each batch that ended within Exporter:EndedSeriesWindow." + BatchFamilies.FromLastSync,
            [],
            (b, ref s) =>
            {
                if (b.EndedAt is { } t)
                {
                    s.Add(BatchFamilies.Seconds(t));
                }
            }),
        new(
            "anthropic_batch_ended_requests", null,
            "request_counts of each batch that ended within Exporter:EndedSeriesWindow, by result." + BatchFamilies.FromLastSync,
            ["result"],
            EndedRequests),
    ];

    /// <summary>One sample per documented status, plus the current one when the API sent a value it did not document.</summary>
    private static void StatusSet(SeriesBatch batch, ref SampleWriter samples)
    {
        var known = false;
        foreach (var s in BatchStatus.Known)
        {
            known |= s == batch.Status;
            samples.Add(s == batch.Status ? 1 : 0, s);
        }

        if (!known)
        {
            samples.Add(1, batch.Status);
        }
    }

    private static void EndedRequests(SeriesBatch batch, ref SampleWriter samples)
    {
        if (batch.EndedAt is null)
        {
            return;
        }

        var c = batch.Counts;
        samples.Add(c.Succeeded, Results[0]);
        samples.Add(c.Errored, Results[1]);
        samples.Add(c.Canceled, Results[2]);
        samples.Add(c.Expired, Results[3]);
    }
}
