using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using BatchExporter.Api;
using BatchExporter.Options;
using BatchExporter.Sync;
using Microsoft.Extensions.Options;

namespace BatchExporter.Metrics;

/// <summary>
/// Serves the catalogue through OpenTelemetry instruments on the exporter's one meter: state families as observable
/// gauges over the scrape's pinned statuses, event families as counters and histograms fed by the sync, results and API
/// reports, process families without a workspace. This is the one place the <c>workspace</c> label is added.
/// Per-batch families are not instruments: <see cref="PerBatchSeriesWriter"/> writes them.
/// </summary>
internal sealed class CatalogueMeter : ISyncObserver, IResultsObserver, IApiObserver
{
    private readonly List<EventInstrument<SyncReport>> _sync = [];
    private readonly List<EventInstrument<ResultsReport>> _results = [];
    private readonly List<EventInstrument<ApiAttempt>> _api = [];
    private readonly ConcurrentDictionary<string, bool> _started = new(StringComparer.Ordinal);

    public CatalogueMeter(IMeterFactory meters, ScrapeSnapshot snapshot, IOptions<ExporterOptions> options, TimeProvider time)
    {
        var meter = meters.Create(Telemetry.MeterName);
        Families = MetricCatalogue.Build(options.Value);
        foreach (var family in Families)
        {
            switch (family)
            {
                case StateFamily state:
                    meter.CreateObservableGauge(state.Name, () => Observe(state, snapshot, time), state.Unit, state.Help);
                    break;
                case ProcessFamily { Type: MetricType.Counter } process:
                    meter.CreateObservableCounter(process.Name, () => Observe(process), process.Unit, process.Help);
                    break;
                case ProcessFamily process:
                    meter.CreateObservableGauge(process.Name, () => Observe(process), process.Unit, process.Help);
                    break;
                case EventFamily<SyncReport> e:
                    _sync.Add(new(meter, e));
                    break;
                case EventFamily<ResultsReport> e:
                    _results.Add(new(meter, e));
                    break;
                case EventFamily<ApiAttempt> e:
                    _api.Add(new(meter, e));
                    break;
                case PerBatchFamily:
                    break;
                default:
                    throw new InvalidOperationException($"no instrument for {family.GetType().Name} {family.Name}");
            }
        }
    }

    /// <summary>Gets the families served, in catalogue order.</summary>
    public IReadOnlyList<MetricFamily> Families { get; }

    public void OnSynced(SyncReport report)
    {
        if (_started.TryAdd(report.Workspace, true))
        {
            StartAtZero(_sync, report.Workspace);
            StartAtZero(_results, report.Workspace);
            StartAtZero(_api, report.Workspace);
        }

        Record(_sync, report, report.Workspace);
    }

    public void OnResults(ResultsReport report) => Record(_results, report, report.Workspace);

    public void OnAttempt(ApiAttempt attempt) => Record(_api, attempt, attempt.Workspace);

    private static void StartAtZero<T>(List<EventInstrument<T>> instruments, string workspace)
    {
        foreach (var instrument in instruments)
        {
            foreach (var zero in instrument.Family.StartAtZero ?? [])
            {
                instrument.Add(zero, workspace);
            }
        }
    }

    private static void Record<T>(List<EventInstrument<T>> instruments, T report, string workspace)
    {
        foreach (var instrument in instruments)
        {
            foreach (var sample in instrument.Family.Samples(report))
            {
                instrument.Add(sample, workspace);
            }
        }
    }

    private static IEnumerable<Measurement<double>> Observe(StateFamily family, ScrapeSnapshot snapshot, TimeProvider time)
    {
        var now = time.GetUtcNow();
        foreach (var status in snapshot.Sources)
        {
            foreach (var sample in family.Samples(status, now))
            {
                yield return new Measurement<double>(sample.Value, Tags(family, status.Workspace, sample));
            }
        }
    }

    private static IEnumerable<Measurement<double>> Observe(ProcessFamily family) =>
        family.Samples().Select(sample => new Measurement<double>(sample.Value, Tags(family, null, sample)));

    /// <summary>The workspace (when the family has one) and the family's own labels.</summary>
    private static TagList Tags(MetricFamily family, string? workspace, Sample sample)
    {
        var tags = default(TagList);
        if (workspace is not null)
        {
            tags.Add(Telemetry.WorkspaceLabel, workspace);
        }

        for (var i = 0; i < family.Labels.Length; i++)
        {
            tags.Add(family.Labels[i], sample.Label(i));
        }

        return tags;
    }

    /// <summary>The counter or histogram of one event family.</summary>
    private sealed class EventInstrument<T>
    {
        private readonly Counter<long>? _counter;
        private readonly Histogram<double>? _histogram;

        public EventInstrument(Meter meter, EventFamily<T> family)
        {
            Family = family;
            if (family.Type == MetricType.Histogram)
            {
                _histogram = meter.CreateHistogram<double>(family.Name, family.Unit, family.Help);
            }
            else
            {
                _counter = meter.CreateCounter<long>(family.Name, family.Unit, family.Help);
            }
        }

        public EventFamily<T> Family { get; }

        public void Add(Sample sample, string workspace)
        {
            var tags = Tags(Family, workspace, sample);
            if (_histogram is not null)
            {
                _histogram.Record(sample.Value, tags);
            }
            else
            {
                _counter!.Add((long)sample.Value, tags);
            }
        }
    }
}
