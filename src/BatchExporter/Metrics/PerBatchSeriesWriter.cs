using System.Buffers;
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
/// Each sample line is encoded into one span of the output (one <c>GetSpan</c>/<c>Advance</c> per line), the part
/// before the batch id (<c>name{workspace="…",batch_id="</c>) once per family and workspace.
/// </remarks>
internal static class PerBatchSeriesWriter
{
    /// <summary>Flush to the client about every this many bytes.</summary>
    private const int FlushEvery = 32 * 1024;

    /// <summary>Room for <c>"} </c>, a formatted double and the line feed.</summary>
    private const int ValueRoom = 48;

    /// <summary>Below this, "R" writes an integer as plain digits (from 1e15 on it switches to exponent notation).</summary>
    private const double MaxExactInteger = 1e15;

    private static readonly SearchValues<char> MustEscape = SearchValues.Create("\\\"\n");

    public static async ValueTask WriteAsync(PipeWriter output, IReadOnlyList<MetricFamily> families, IReadOnlyList<SourceStatus> sources, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var family in families)
        {
            if (family is not PerBatchFamily perBatch)
            {
                continue;
            }

            var name = perBatch.ExposedName;
            Write(output, $"# HELP {name} {perBatch.Help}\n# TYPE {name} gauge\n");
            var labelNames = LabelNames(perBatch.Labels);
            var unflushed = 0L;
            foreach (var source in sources)
            {
                var prefix = Encoding.UTF8.GetBytes($"{name}{{workspace=\"{Escape(source.Workspace)}\",batch_id=\"");
                foreach (var batch in source.Ledger.PerBatchSeries(now))
                {
                    var id = Escape(batch.Id);
                    foreach (var sample in perBatch.Samples(batch))
                    {
                        unflushed += WriteSample(output, prefix, id, labelNames, sample);
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

    /// <summary>The family's own labels as they precede each value: <c>",name="</c>.</summary>
    private static byte[][] LabelNames(string[] labels) => [.. labels.Select(l => Encoding.UTF8.GetBytes($"\",{l}=\""))];

    private static int WriteSample(PipeWriter output, byte[] prefix, string id, byte[][] labelNames, Sample sample)
    {
        var max = prefix.Length + Encoding.UTF8.GetMaxByteCount(id.Length) + ValueRoom;
        for (var i = 0; i < labelNames.Length; i++)
        {
            max += labelNames[i].Length + Encoding.UTF8.GetMaxByteCount(Escape(sample.Label(i) ?? string.Empty).Length);
        }

        var span = output.GetSpan(max);
        prefix.CopyTo(span);
        var at = prefix.Length;
        at += Encoding.UTF8.GetBytes(id, span[at..]);
        for (var i = 0; i < labelNames.Length; i++)
        {
            labelNames[i].CopyTo(span[at..]);
            at += labelNames[i].Length;
            at += Encoding.UTF8.GetBytes(Escape(sample.Label(i) ?? string.Empty), span[at..]);
        }

        "\"} "u8.CopyTo(span[at..]);
        at += 3;
        at += FormatValue(sample.Value, span[at..]);
        span[at++] = (byte)'\n';
        output.Advance(at);
        return at;
    }

    /// <summary>
    /// A value as the shortest text that round-trips: integers (statuses, counts, whole seconds) through the integer
    /// formatter, which writes the same digits several times faster than the floating-point one.
    /// </summary>
    private static int FormatValue(double value, Span<byte> span)
    {
        int length;
        if (value == Math.Floor(value) && Math.Abs(value) < MaxExactInteger && !(value == 0 && double.IsNegative(value)))
        {
            ((long)value).TryFormat(span, out length, default, CultureInfo.InvariantCulture);
        }
        else
        {
            value.TryFormat(span, out length, "R", CultureInfo.InvariantCulture);
        }

        return length;
    }

    private static void Write(PipeWriter output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    /// <summary>Label values escape backslash, double quote and line feed; almost none need to, and those are returned as they are.</summary>
    private static string Escape(string value) =>
        !value.AsSpan().ContainsAny(MustEscape)
            ? value
            : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
