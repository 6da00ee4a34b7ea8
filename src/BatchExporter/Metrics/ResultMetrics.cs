using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BatchExporter.Options;
using BatchExporter.Sync;
using Microsoft.Extensions.Options;

namespace BatchExporter.Metrics;

/// <summary>
/// The results insight counters: errored requests by API error type, tokens of succeeded requests by model and
/// kind, and results that could not be read. Each batch's results are added once, when read in full. With results
/// enabled, the skip reasons and the API's error types start at zero at a workspace's first sync, so
/// <c>increase()</c> sees the first event (tokens cannot: models are not known in advance).
/// </summary>
internal sealed class ResultMetrics : IResultsObserver, ISyncObserver
{
    private static readonly string[] SkipReasons = ["not_found", "failed", "queue_full"];

    /// <summary>The error types the API documents.</summary>
    private static readonly string[] ErrorTypes =
    [
        "invalid_request_error", "authentication_error", "permission_error", "not_found_error", "request_too_large",
        "rate_limit_error", "api_error", "overloaded_error",
    ];

    private readonly bool _enabled;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _skipped;
    private readonly ConcurrentDictionary<string, bool> _started = new(StringComparer.Ordinal);

    public ResultMetrics(IMeterFactory meters, IOptions<ExporterOptions> options)
    {
        _enabled = options.Value.Results.Enabled;
        var meter = meters.Create(Telemetry.MeterName);
        _errors = meter.CreateCounter<long>("anthropic_batch_result_errors", description: "Errored requests of the batches whose results were read, by the API error type in their result.");
        _tokens = meter.CreateCounter<long>("anthropic_batch_tokens", description: "Tokens of the succeeded requests of the batches whose results were read, by model and kind (input, output, cache_creation, cache_read).");
        _skipped = meter.CreateCounter<long>("anthropic_batch_exporter_results_skipped", description: "Batches whose results could not be read, by reason (not_found: archived or deleted; failed: gave up after 5 attempts; queue_full).");
    }

    public void OnSynced(SyncReport report)
    {
        if (_enabled && _started.TryAdd(report.Workspace, true))
        {
            var workspace = new KeyValuePair<string, object?>(Telemetry.WorkspaceLabel, report.Workspace);
            foreach (var reason in SkipReasons)
            {
                _skipped.Add(0, workspace, new("reason", reason));
            }

            foreach (var type in ErrorTypes)
            {
                _errors.Add(0, workspace, new("error_type", type));
            }
        }
    }

    public void OnResults(ResultsReport report)
    {
        var workspace = new KeyValuePair<string, object?>(Telemetry.WorkspaceLabel, report.Workspace);
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
