using System.Diagnostics.Metrics;
using System.Reflection;
using BatchExporter.Options;
using BatchExporter.Sync;
using Microsoft.Extensions.Options;

namespace BatchExporter.Metrics;

/// <summary>
/// Registers every entry of <see cref="StateMetricFamilies"/> as an observable gauge whose callback reads the
/// published source statuses (never the ledger, never the API) and adds the <c>workspace</c> label, plus
/// <c>anthropic_batch_exporter_build_info</c>.
/// </summary>
internal sealed class StateMetrics
{
    public StateMetrics(IMeterFactory meters, SourceStatusStore store, IOptions<ExporterOptions> options, TimeProvider time)
    {
        var meter = meters.Create(Telemetry.MeterName);
        foreach (var family in StateMetricFamilies.Build(options.Value))
        {
            meter.CreateObservableGauge(family.Name, () => Observe(family, store, time), family.Unit, family.Help);
        }

        var version = BuildVersion;
        meter.CreateObservableGauge(
            "anthropic_batch_exporter_build_info",
            () => new Measurement<long>(1, new KeyValuePair<string, object?>("version", version)),
            description: "1, with the exporter's version as a label.");
    }

    /// <summary>Gets the informational version of this build, without source-control metadata.</summary>
    public static string BuildVersion { get; } =
        (typeof(StateMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    private static IEnumerable<Measurement<double>> Observe(MetricFamily family, SourceStatusStore store, TimeProvider time)
    {
        var now = time.GetUtcNow();
        foreach (var status in store.All)
        {
            var workspace = new KeyValuePair<string, object?>(Telemetry.WorkspaceLabel, status.Workspace);
            foreach (var sample in family.Samples(status, now))
            {
                yield return sample.LabelName is null
                    ? new Measurement<double>(sample.Value, workspace)
                    : new Measurement<double>(sample.Value, workspace, new(sample.LabelName, sample.LabelValue));
            }
        }
    }
}
