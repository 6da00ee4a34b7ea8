using BatchExporter.Sync;

namespace BatchExporter.Metrics;

/// <summary>How a family is exposed.</summary>
internal enum MetricType
{
    Gauge,
    Counter,
    Histogram,
}

/// <summary>
/// One entry of the metric catalogue: the family's name (the exposition adds the unit and <c>_total</c> suffixes),
/// type, unit, help and its own labels. The identity labels (<c>workspace</c>, and <c>batch_id</c> for per-batch
/// families) are added by whoever registers the entry, never by the entry. Subclasses say what the values come from.
/// </summary>
internal abstract record MetricFamily(string Name, MetricType Type, string? Unit, string Help, string[] Labels)
{
    /// <summary>Gets the bucket boundaries of a histogram family.</summary>
    public double[]? Buckets { get; init; }

    /// <summary>Gets the name as exposed: with the unit suffix and, for a counter, <c>_total</c> (as the OpenTelemetry Prometheus exporter adds them).</summary>
    public string ExposedName =>
        Name + Unit switch { "s" => "_seconds", "By" => "_bytes", _ => string.Empty } + (Type == MetricType.Counter ? "_total" : string.Empty);
}

/// <summary>
/// One sample: a value and the values of its family's own labels, in the order of <see cref="MetricFamily.Labels"/>.
/// A value that is unknown yields no sample, never a fake zero.
/// </summary>
internal readonly record struct Sample(double Value, string? Label0 = null, string? Label1 = null, string? Label2 = null)
{
    /// <summary>Gets the value of the label at <paramref name="index"/> of the family's own labels.</summary>
    public string? Label(int index) => index switch { 0 => Label0, 1 => Label1, _ => Label2 };
}

/// <summary>A gauge over one source's published status, read at scrape time.</summary>
internal sealed record StateFamily(string Name, string? Unit, string Help, string[] Labels, Func<SourceStatus, DateTimeOffset, IEnumerable<Sample>> Samples)
    : MetricFamily(Name, MetricType.Gauge, Unit, Help, Labels);

/// <summary>
/// A gauge per batch that has per-batch series (<see cref="LedgerSnapshot.PerBatchSeries"/>); <c>batch_id</c> is an
/// identity label. Written from the snapshot, not as an OpenTelemetry instrument (see <see cref="PerBatchSeriesWriter"/>): its
/// values are written through a <see cref="SampleWriter"/>, one <see cref="SampleWriter.Add"/> per sample.
/// </summary>
internal sealed record PerBatchFamily(string Name, string? Unit, string Help, string[] Labels, PerBatchSamples Samples)
    : MetricFamily(Name, MetricType.Gauge, Unit, Help, Labels);

/// <summary>
/// A counter or histogram fed by reports of one kind (<see cref="SyncReport"/>, <see cref="ResultsReport"/>,
/// <see cref="Api.ApiAttempt"/>): each sample of a report is added (counter) or recorded (histogram). The
/// <paramref name="StartAtZero"/> label values get a zero at a workspace's first sync, so <c>increase()</c> sees the
/// first event.
/// </summary>
internal sealed record EventFamily<TReport>(
    string Name,
    MetricType Type,
    string? Unit,
    string Help,
    string[] Labels,
    Func<TReport, IEnumerable<Sample>> Samples,
    Sample[]? StartAtZero = null)
    : MetricFamily(Name, Type, Unit, Help, Labels);

/// <summary>A family about the whole process (no <c>workspace</c> label), read at scrape time.</summary>
internal sealed record ProcessFamily(string Name, MetricType Type, string? Unit, string Help, string[] Labels, Func<IEnumerable<Sample>> Samples)
    : MetricFamily(Name, Type, Unit, Help, Labels);
