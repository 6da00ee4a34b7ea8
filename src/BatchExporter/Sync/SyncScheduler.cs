using BatchExporter.Api;
using BatchExporter.Options;
using Microsoft.Extensions.Options;

namespace BatchExporter.Sync;

/// <summary>
/// Runs one independent poller per source this replica serves: its own schedule, budget and failures, so a
/// slow or failing workspace never delays another. With <c>Exporter:MaxRequestsPerMinuteTotal</c> set, every
/// source's budget also draws on one budget for the whole process.
/// </summary>
internal sealed class SyncScheduler : BackgroundService
{
    private readonly SourcePoller[] _pollers;
    private readonly ApiSource[] _sources;
    private readonly RequestBudget? _processBudget;

    public SyncScheduler(
        IOptions<ExporterOptions> options,
        BatchLister lister,
        SourceStatusStore store,
        IEnumerable<ISyncObserver> observers,
        IEnumerable<IResultsObserver> resultsObservers,
        BatchApiClient client,
        TimeProvider time,
        ILogger<SyncScheduler> logger)
    {
        var o = options.Value;
        _processBudget = o.MaxRequestsPerMinuteTotal is { } total ? new RequestBudget(total, time) : null;
        _sources = [.. o.Sources.Where(s => o.Shard.Serves(s.Name)).Select(s => new ApiSource(s, o.MaxRequestsPerMinute, time, _processBudget))];
        _pollers = [.. _sources.Select(s => new SourcePoller(
            s, lister, o, store, observers, time, logger, o.Results.Enabled ? new ResultsCollector(s, client, resultsObservers, logger) : null))];
        foreach (var poller in _pollers)
        {
            poller.Register();
        }

        var names = string.Join(", ", _pollers.Select(p => p.Name));
        Log.ServingSources(logger, _pollers.Length, o.Sources.Count, o.Shard.Index, o.Shard.Count, names);
    }

    /// <summary>Gets the pollers, for tests that drive syncs one at a time.</summary>
    public IReadOnlyList<SourcePoller> Pollers => _pollers;

    /// <summary>Gets the sources with their budgets, for tests that watch requests leave.</summary>
    public IReadOnlyList<ApiSource> Sources => _sources;

    public override void Dispose()
    {
        foreach (var source in _sources)
        {
            source.Dispose();
        }

        _processBudget?.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_pollers.Select(p => Task.Run(() => p.RunAsync(stoppingToken), CancellationToken.None)));
}
