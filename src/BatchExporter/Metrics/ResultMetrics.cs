using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BatchExporter.Sync;

namespace BatchExporter.Metrics;

/// <summary>
/// The results insight counters: errored requests by API error type, tokens of succeeded requests by model and
/// kind, and results that could not be read. Each batch's results are added once, when read in full.
/// </summary>
internal sealed class ResultMetrics : IResultsObserver
{
    private static readonly string[] SkipReasons = ["not_found", "failed", "queue_full"];
    private readonly Counter<long> _errors;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _skipped;
    private readonly ConcurrentDictionary<string, bool> _started = new(StringComparer.Ordinal);

    public ResultMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.MeterName);
        _errors = meter.CreateCounter<long>("anthropic_batch_result_errors", description: "Errored requests of the batches whose results were read, by the API error type in their result.");
        _tokens = meter.CreateCounter<long>("anthropic_batch_tokens", description: "Tokens of the succeeded requests of the batches whose results were read, by model and kind (input, output, cache_creation, cache_read).");
        _skipped = meter.CreateCounter<long>("anthropic_batch_exporter_results_skipped", description: "Batches whose results could not be read, by reason (not_found: archived or deleted; failed: gave up after 5 attempts; queue_full).");
    }

    public void OnResults(ResultsReport report)
    {
        var workspace = new KeyValuePair<string, object?>(Telemetry.WorkspaceLabel, report.Workspace);
        if (_started.TryAdd(report.Workspace, true))
        {
            foreach (var reason in SkipReasons)
            {
                _skipped.Add(0, workspace, new("reason", reason));
            }
        }

        if (report.SkippedReason is { } skipped)
        {
            _skipped.Add(1, workspace, new("reason", skipped));
            return;
        }

        foreach (var (type, count) in report.Tally!.ErrorsByType)
        {
            _errors.Add(count, workspace, new("error_type", type));
        }

        foreach (var ((model, kind), tokens) in report.Tally.Tokens)
        {
            _tokens.Add(tokens, workspace, new("model", model), new("kind", kind));
        }
    }
}
