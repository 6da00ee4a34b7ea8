using System.Buffers;
using System.Globalization;
using System.Text;
using BatchExporter.Sync;

namespace BatchExporter.Metrics;

/// <summary>
/// Writes the per-batch families (<c>anthropic_batch_info</c>, <c>…_created_timestamp_seconds</c>,
/// <c>…_expires_timestamp_seconds</c>, <c>anthropic_batch_size</c>) straight from the published snapshots.
/// </summary>
/// <remarks>
/// These families are not OpenTelemetry instruments on purpose: under cumulative temporality the SDK never frees
/// a metric point, so every batch_id ever seen would hold a slot until the stream overflows at its cardinality
/// limit (2,000) and loses the batch_id label; recreating meters to escape that leaks the dead streams into the
/// Prometheus exporter's metric cache. Written here, a series exists exactly while its batch is not ended and
/// memory follows the live batches, not the history. The text is the same in the Prometheus 0.0.4 and
/// OpenMetrics 1.0 formats (gauges only, no exemplars).
/// </remarks>
internal static class PerBatchSeriesWriter
{
    private static readonly (string Name, string Help)[] Families =
    [
        ("anthropic_batch_info", "1 for each batch not yet ended (capped by Exporter:MaxBatchSeries per workspace, soonest expiry first), with its processing_status. From the last successful background sync."),
        ("anthropic_batch_created_timestamp_seconds", "created_at of each batch not yet ended. From the last successful background sync."),
        ("anthropic_batch_expires_timestamp_seconds", "expires_at of each batch not yet ended (created_at + 24 h). From the last successful background sync."),
        ("anthropic_batch_size", "Number of requests in each batch not yet ended. From the last successful background sync."),
    ];

    public static void Write(IBufferWriter<byte> output, IReadOnlyList<SourceStatus> sources)
    {
        for (var family = 0; family < Families.Length; family++)
        {
            var (name, help) = Families[family];
            Append(output, "# HELP ");
            Append(output, name);
            Append(output, " ");
            Append(output, help);
            Append(output, "\n# TYPE ");
            Append(output, name);
            Append(output, " gauge\n");
            foreach (var source in sources)
            {
                var active = source.Ledger.Active;
                for (var i = 0; i < source.Ledger.PerBatchSeriesCount; i++)
                {
                    WriteSample(output, family, name, source.Workspace, active[i]);
                }
            }
        }
    }

    private static void WriteSample(IBufferWriter<byte> output, int family, string name, string workspace, ActiveBatch batch)
    {
        Append(output, name);
        Append(output, "{workspace=\"");
        AppendEscaped(output, workspace);
        Append(output, "\",batch_id=\"");
        AppendEscaped(output, batch.Id);
        double value;
        switch (family)
        {
            case 0:
                Append(output, "\",processing_status=\"");
                AppendEscaped(output, batch.Status);
                value = 1;
                break;
            case 1:
                value = StateMetricFamilies.Seconds(batch.CreatedAt);
                break;
            case 2:
                value = StateMetricFamilies.Seconds(batch.ExpiresAt);
                break;
            default:
                value = batch.Size;
                break;
        }

        Append(output, "\"} ");
        var span = output.GetSpan(32);
        value.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture);
        output.Advance(written);
        Append(output, "\n");
    }

    private static void Append(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    private static void AppendEscaped(IBufferWriter<byte> output, string value)
    {
        if (value.AsSpan().IndexOfAny('\\', '"', '\n') < 0)
        {
            Append(output, value);
            return;
        }

        Append(output, value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal));
    }
}
