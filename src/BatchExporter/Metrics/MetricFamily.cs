using BatchExporter.Sync;

namespace BatchExporter.Metrics;

/// <summary>
/// One observable metric family over a source's status: name (the exposition adds unit and <c>_total</c>
/// suffixes), unit, help, and the samples it yields for one source. The <c>workspace</c> label is added by the
/// registration, not by the entry. A value that is unknown yields no sample, never a fake zero.
/// </summary>
internal sealed record MetricFamily(
    string Name,
    string? Unit,
    string Help,
    Func<SourceStatus, DateTimeOffset, IEnumerable<Sample>> Samples);

/// <summary>One sample: a value and the family's own labels (at most one here).</summary>
internal readonly record struct Sample(double Value, string? LabelName = null, string? LabelValue = null);
