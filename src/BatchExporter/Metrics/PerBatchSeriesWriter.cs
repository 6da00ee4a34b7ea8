using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using BatchExporter.Sync;

namespace BatchExporter.Metrics;

/// <summary>
/// Writes the per-batch families of the catalogue straight from the snapshots to the response, with the identity labels
/// <c>workspace</c> and <c>batch_id</c>, flushing as it goes (no whole-body buffer).
/// </summary>
/// <remarks>
/// These families are not OpenTelemetry instruments on purpose: under cumulative temporality the SDK never frees
/// a metric point, so every batch_id ever seen would hold a slot until the stream overflows at its cardinality
/// limit (2,000) and loses the batch_id label; recreating meters to escape that leaks the dead streams into the
/// Prometheus exporter's metric cache. Written here, a series exists exactly while its batch is in a snapshot and
/// memory follows the batches with series, not the history. The text is the same in the Prometheus 0.0.4 and
/// OpenMetrics 1.0 formats (gauges only, no exemplars).
/// </remarks>
internal static class PerBatchSeriesWriter
{
    /// <summary>Flush to the client about every this many bytes.</summary>
    private const int FlushEvery = 32 * 1024;

    public static async ValueTask WriteAsync(PipeWriter output, IReadOnlyList<MetricFamily> families, IReadOnlyList<SourceStatus> sources, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var family in families)
        {
            if (family is not PerBatchFamily perBatch)
            {
                continue;
            }

            var name = perBatch.ExposedName;
            WriteHeader(output, name, perBatch.Help);
            var unflushed = 0L;
            foreach (var source in sources)
            {
                foreach (var batch in source.Ledger.PerBatchSeries(now))
                {
                    foreach (var sample in perBatch.Samples(batch))
                    {
                        unflushed += WriteSample(output, name, perBatch.Labels, source.Workspace, batch.Id, sample);
                    }

                    if (unflushed >= FlushEvery)
                    {
                        unflushed = 0;
                        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteHeader(PipeWriter output, string name, string help)
    {
        Append(output, "# HELP ");
        Append(output, name);
        Append(output, " ");
        Append(output, help);
        Append(output, "\n# TYPE ");
        Append(output, name);
        Append(output, " gauge\n");
    }

    private static int WriteSample(PipeWriter output, string name, string[] labels, string workspace, string batchId, Sample sample)
    {
        var written = Append(output, name);
        written += Append(output, "{workspace=\"");
        written += AppendEscaped(output, workspace);
        written += Append(output, "\",batch_id=\"");
        written += AppendEscaped(output, batchId);
        for (var i = 0; i < labels.Length; i++)
        {
            written += Append(output, "\",");
            written += Append(output, labels[i]);
            written += Append(output, "=\"");
            written += AppendEscaped(output, sample.Label(i) ?? string.Empty);
        }

        written += Append(output, "\"} ");
        var span = output.GetSpan(32);
        sample.Value.TryFormat(span, out var length, "R", CultureInfo.InvariantCulture);
        output.Advance(length);
        return written + length + Append(output, "\n");
    }

    private static int Append(PipeWriter output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, span);
        output.Advance(written);
        return written;
    }

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    private static int AppendEscaped(PipeWriter output, string value) =>
        value.AsSpan().IndexOfAny('\\', '"', '\n') < 0
            ? Append(output, value)
            : Append(output, value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal));
}
