namespace BatchExporter.Tests.Metrics;

/// <summary>The metric contract of DESIGN.md as data: family name as exposed, type, and labels besides <c>workspace</c>.</summary>
internal static class MetricContract
{
    public static readonly IReadOnlyDictionary<string, (string Type, string[] Labels)> Families = new Dictionary<string, (string, string[])>
    {
        ["anthropic_batches"] = ("gauge", ["processing_status"]),
        ["anthropic_batch_requests"] = ("gauge", ["state"]),
        ["anthropic_batches_expiring"] = ("gauge", ["within"]),
        ["anthropic_batch_oldest_active_created_timestamp_seconds"] = ("gauge", []),
        ["anthropic_batch_status"] = ("gauge", ["batch_id", "processing_status"]),
        ["anthropic_batch_created_timestamp_seconds"] = ("gauge", ["batch_id"]),
        ["anthropic_batch_expires_timestamp_seconds"] = ("gauge", ["batch_id"]),
        ["anthropic_batch_request_count"] = ("gauge", ["batch_id"]),
        ["anthropic_batch_ended_timestamp_seconds"] = ("gauge", ["batch_id"]),
        ["anthropic_batch_ended_requests"] = ("gauge", ["batch_id", "result"]),
        ["anthropic_batches_ended_total"] = ("counter", ["reason"]),
        ["anthropic_batch_request_results_total"] = ("counter", ["result"]),
        ["anthropic_batch_duration_seconds"] = ("histogram", ["reason"]),
        ["anthropic_up"] = ("gauge", []),
        ["anthropic_batch_exporter_last_success_timestamp_seconds"] = ("gauge", []),
        ["anthropic_batch_exporter_sync_duration_seconds"] = ("histogram", ["kind"]),
        ["anthropic_batch_exporter_api_requests_total"] = ("counter", ["endpoint", "code"]),
        ["anthropic_batch_exporter_api_response_bytes_total"] = ("counter", ["endpoint"]),
        ["anthropic_batch_exporter_sync_errors_total"] = ("counter", ["reason"]),
        ["anthropic_batch_exporter_first_sync_listed_batches"] = ("gauge", []),
        ["anthropic_batch_exporter_tracked_batches"] = ("gauge", []),
        ["anthropic_batch_exporter_batch_series_overflow"] = ("gauge", []),
        ["anthropic_batch_exporter_build_info"] = ("gauge", ["version", "revision", "runtime"]),
        ["anthropic_batch_result_errors_total"] = ("counter", ["error_type"]),
        ["anthropic_batch_tokens_total"] = ("counter", ["model", "kind"]),
        ["anthropic_batch_exporter_results_skipped_total"] = ("counter", ["reason"]),
        ["process_resident_memory_bytes"] = ("gauge", []),
        ["process_cpu_seconds_total"] = ("counter", []),
        ["process_start_time_seconds"] = ("gauge", []),
        ["process_open_fds"] = ("gauge", []),
        ["process_max_fds"] = ("gauge", []),
    };

    /// <summary>The families about the whole process, without the <c>workspace</c> label.</summary>
    public static bool WithoutWorkspace(string family) => family == "anthropic_batch_exporter_build_info" || family.StartsWith("process_", StringComparison.Ordinal);

    /// <summary>The family a sample belongs to: histogram samples carry a suffix.</summary>
    public static string FamilyOf(string sampleName)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal) && Families.TryGetValue(sampleName[..^suffix.Length], out var f) && f.Type == "histogram")
            {
                return sampleName[..^suffix.Length];
            }
        }

        return sampleName;
    }
}
