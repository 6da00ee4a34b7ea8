using BatchExporter.Sync;

namespace BatchExporter.Metrics;

/// <summary>
/// Results insight (only with <c>Exporter:Results:Enabled</c>): each batch seen ending has its results read once.
/// Skip reasons and the API's documented error types start at zero; models cannot (they are not known in advance).
/// </summary>
internal static class ResultFamilies
{
    /// <summary>The error types the API documents.</summary>
    private static readonly string[] ErrorTypes =
    [
        "invalid_request_error", "authentication_error", "billing_error", "permission_error", "not_found_error",
        "request_too_large", "rate_limit_error", "api_error", "timeout_error", "overloaded_error",
    ];

    private static readonly string[] SkipReasons = ["not_found", "failed", "queue_full"];

    public static readonly IReadOnlyList<EventFamily<ResultsReport>> All =
    [
        new(
            "anthropic_batch_result_errors", MetricType.Counter, null,
            "Errored requests of the batches whose results were read, by the API error type in their result.",
            ["error_type"],
            r => r.Tally is { } t ? t.ErrorsByType.Select(kv => new Sample(kv.Value, kv.Key)) : [],
            StartAtZero: [.. ErrorTypes.Select(type => new Sample(0, type))]),
        new(
            "anthropic_batch_tokens", MetricType.Counter, null,
            "Tokens of the succeeded requests of the batches whose results were read, by model and kind (input, output, cache_creation, cache_read).",
            ["model", "kind"],
            r => r.Tally is { } t ? t.Tokens.Select(kv => new Sample(kv.Value, kv.Key.Model, kv.Key.Kind)) : []),
        new(
            "anthropic_batch_exporter_results_skipped", MetricType.Counter, null,
            "Batches whose results could not be read, by reason (not_found: archived or deleted; failed: gave up after 5 attempts; queue_full).",
            ["reason"],
            r => r.SkippedReason is { } reason ? [new Sample(1, reason)] : [],
            StartAtZero: [.. SkipReasons.Select(reason => new Sample(0, reason))]),
    ];
}
