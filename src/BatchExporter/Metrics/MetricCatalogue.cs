using System.Diagnostics.Metrics;
using BatchExporter.Options;
using OpenTelemetry.Metrics;

namespace BatchExporter.Metrics;

/// <summary>
/// Every metric family the exporter serves, one table per subject. Adding a family is adding an entry to one of
/// them (and its golden exposition test); <see cref="CatalogueMeter"/> and <see cref="PerBatchSeriesWriter"/> serve
/// every entry, adding the identity labels.
/// </summary>
internal static class MetricCatalogue
{
    public static IReadOnlyList<MetricFamily> Build(ExporterOptions options) =>
    [
        .. BatchFamilies.Build(options),
        .. options.PerBatchSeries ? PerBatchFamilies.All : [],
        .. OutcomeFamilies.All,
        .. options.Results.Enabled ? ResultFamilies.All : [],
        .. ExporterFamilies.All,
    ];

    private static readonly Dictionary<string, double[]> BucketsByName =
        Build(new ExporterOptions { Results = { Enabled = true } }).Where(f => f.Buckets is not null).ToDictionary(f => f.Name, f => f.Buckets!, StringComparer.Ordinal);

    /// <summary>The OpenTelemetry view of a histogram family: its catalogue buckets.</summary>
    public static MetricStreamConfiguration? HistogramView(Instrument instrument) =>
        instrument.Meter.Name != Telemetry.MeterName ? null
        : BucketsByName.TryGetValue(instrument.Name, out var buckets) ? new ExplicitBucketHistogramConfiguration { Boundaries = buckets }
        : null;
}
