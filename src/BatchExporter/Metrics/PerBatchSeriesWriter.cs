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
/// Each sample line is encoded by <see cref="SampleWriter"/> (no allocation per batch or sample) straight into a block
/// of about 32 KB lent by the output (<see cref="LineChunk"/>), the part before the batch id
/// (<c>name{workspace="…",batch_id="</c>) once per family and workspace; each block is flushed when full.
/// </remarks>
internal static class PerBatchSeriesWriter
{
    /// <summary>Flush to the client about every this many bytes.</summary>
    private const int FlushEvery = 32 * 1024;

    public static async ValueTask WriteAsync(PipeWriter output, IReadOnlyList<MetricFamily> families, IReadOnlyList<SourceStatus> sources, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var chunk = new LineChunk(output, FlushEvery + (4 * 1024));
        foreach (var perBatch in families.OfType<PerBatchFamily>())
        {
            var name = perBatch.ExposedName;
            Write(chunk, $"# HELP {name} {perBatch.Help}\n# TYPE {name} gauge\n");
            var labelNames = LabelNames(perBatch.Labels);
            foreach (var source in sources)
            {
                var prefix = Encoding.UTF8.GetBytes($"{name}{{workspace=\"{SampleWriter.Escape(source.Workspace)}\",batch_id=\"");
                foreach (var batch in source.Ledger.PerBatchSeries(now))
                {
                    WriteBatch(chunk, perBatch, prefix, labelNames, batch);
                    if (chunk.Pending >= FlushEvery)
                    {
                        chunk.Commit();
                        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                        chunk.Flushed();
                    }
                }
            }
        }

        chunk.Commit();
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteBatch(LineChunk chunk, PerBatchFamily family, byte[] prefix, byte[][] labelNames, SeriesBatch batch)
    {
        var samples = new SampleWriter(chunk, prefix, SampleWriter.Escape(batch.Id), labelNames);
        family.Samples(batch, ref samples);
    }

    /// <summary>The family's own labels as they precede each value: <c>",name="</c>.</summary>
    private static byte[][] LabelNames(string[] labels) => [.. labels.Select(l => Encoding.UTF8.GetBytes($"\",{l}=\""))];

    private static void Write(LineChunk chunk, string text)
    {
        var span = chunk.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        chunk.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
