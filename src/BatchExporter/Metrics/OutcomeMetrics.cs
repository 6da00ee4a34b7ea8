using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BatchExporter.Api;
using BatchExporter.Sync;

namespace BatchExporter.Metrics;

/// <summary>
/// The counters and histograms fed by finished syncs: batches this process saw end (each once; the baseline
/// of the first sync is never counted), their request results and durations, sync durations and failures.
/// Every label value a workspace can have starts at zero at its first sync, so <c>increase()</c> sees the first event.
/// </summary>
internal sealed class OutcomeMetrics : ISyncObserver
{
    /// <summary>Buckets of <c>anthropic_batch_duration_seconds</c>: 1 minute to the 24 h expiry.</summary>
    public static readonly double[] BatchDurationBuckets = [60, 300, 600, 1800, 3600, 7200, 14400, 28800, 43200, 64800, 86400];

    /// <summary>Buckets of <c>anthropic_batch_exporter_sync_duration_seconds</c>.</summary>
    public static readonly double[] SyncDurationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    public const string BatchDurationName = "anthropic_batch_duration";
    public const string SyncDurationName = "anthropic_batch_exporter_sync_duration";

    private static readonly string[] EndReasons = ["completed", "canceled", "expired"];
    private static readonly string[] Results = ["succeeded", "errored", "canceled", "expired"];

    private readonly Counter<long> _ended;
    private readonly Counter<long> _results;
    private readonly Histogram<double> _batchDuration;
    private readonly Histogram<double> _syncDuration;
    private readonly Counter<long> _syncErrors;
    private readonly ConcurrentDictionary<string, bool> _started = new(StringComparer.Ordinal);

    public OutcomeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.MeterName);
        _ended = meter.CreateCounter<long>("anthropic_batches_ended", description: "Batches this process saw end, by reason (canceled, expired, completed). Batches already ended at the first sync are not counted.");
        _results = meter.CreateCounter<long>("anthropic_batch_request_results", description: "Requests of the batches this process saw end, by result.");
        _batchDuration = meter.CreateHistogram<double>(BatchDurationName, "s", "ended_at minus created_at of the batches this process saw end, by reason.");
        _syncDuration = meter.CreateHistogram<double>(SyncDurationName, "s", "Duration of syncs with the API, by kind (full, incremental).");
        _syncErrors = meter.CreateCounter<long>("anthropic_batch_exporter_sync_errors", description: "Failed syncs by reason.");
    }

    public void OnSynced(SyncReport report)
    {
        var workspace = new KeyValuePair<string, object?>(Telemetry.WorkspaceLabel, report.Workspace);
        _syncDuration.Record(report.Duration.TotalSeconds, workspace, new("kind", report.Kind.ToLabel()));
        if (_started.TryAdd(report.Workspace, true))
        {
            StartAtZero(workspace);
        }

        if (report.Failure is { } failure)
        {
            _syncErrors.Add(1, workspace, new("reason", failure.ToLabel()));
            return;
        }

        foreach (var batch in report.Ended)
        {
            var reason = new KeyValuePair<string, object?>("reason", batch.EndReason);
            _ended.Add(1, workspace, reason);
            var c = batch.Counts;
            _results.Add(c.Succeeded, workspace, new("result", "succeeded"));
            _results.Add(c.Errored, workspace, new("result", "errored"));
            _results.Add(c.Canceled, workspace, new("result", "canceled"));
            _results.Add(c.Expired, workspace, new("result", "expired"));
            if (batch.EndedAt is { } endedAt)
            {
                _batchDuration.Record(Math.Max(0, (endedAt - batch.CreatedAt).TotalSeconds), workspace, reason);
            }
        }
    }

    private void StartAtZero(KeyValuePair<string, object?> workspace)
    {
        foreach (var reason in EndReasons)
        {
            _ended.Add(0, workspace, new("reason", reason));
        }

        foreach (var result in Results)
        {
            _results.Add(0, workspace, new("result", result));
        }

        foreach (var reason in SyncFailureReasonExtensions.All)
        {
            _syncErrors.Add(0, workspace, new("reason", reason.ToLabel()));
        }
    }
}
