using BatchExporter.Api;
using BatchExporter.Options;

namespace BatchExporter.Sync;

/// <summary>
/// Syncs one source: chooses full or incremental, lists, applies the listing to the ledger, tells the observers
/// (so counters move before the new state is visible), then publishes the new snapshot. A failed sync changes
/// nothing but the health fields: the last good snapshot stays.
/// </summary>
internal sealed class SourcePoller(
    ApiSource source,
    BatchLister lister,
    ExporterOptions options,
    SourceStatusStore store,
    IEnumerable<ISyncObserver> observers,
    TimeProvider time,
    ILogger logger,
    ResultsCollector? results = null)
{
    private static readonly TimeSpan MaxFailureBackoff = TimeSpan.FromMinutes(5);
    private readonly BatchLedger _ledger = new();
    private SourceStatus _status = new(source.Name);
    private DateTimeOffset? _lastFullSync;
    private DateTimeOffset? _lastListed;
    private int _consecutiveAccessFailures;
    private long _cycles;

    public string Name => source.Name;

    public SourceStatus Status => _status;

    /// <summary>Gets the number of finished poll cycles: a sync and the results downloads after it.</summary>
    public long Cycles => Interlocked.Read(ref _cycles);

    /// <summary>Publishes the not-yet-synced state, so the source is scrapeable (with up = 0) from the start.</summary>
    public void Register() => store.Publish(_status);

    /// <summary>Runs syncs until <paramref name="stoppingToken"/> fires, one poll interval apart (longer after an access failure).</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            try
            {
                await SyncOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // shutting down mid-sync: nothing to publish
            }

            // A fixed cadence from each sync's start: the interval does not drift by the sync's duration.
            var wait = started + NextDelay() - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Runs one sync and publishes its outcome. Never throws, except on cancellation by <paramref name="cancellationToken"/>.</summary>
    public async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SyncAndCollectAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Increment(ref _cycles);
        }
    }

    private async Task SyncAndCollectAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var stopwatch = time.GetTimestamp();
        var kind = !_ledger.HasBaseline || started - _lastFullSync >= options.FullResyncInterval ? SyncKind.Full : SyncKind.Incremental;
        var kindLabel = kind.ToLabel();
        try
        {
            var sinceLastSync = started - (_lastListed ?? started - options.PollInterval);
            SyncListing? listing = await lister.ListAsync(source, kind, _ledger.IncrementalBoundary, _ledger.Expectation, sinceLastSync, started - options.Lookback, cancellationToken,
                keepResultsUrls: results is not null && _ledger.HasBaseline, onPage: _ledger.HasBaseline ? null : ReportFirstSyncProgress).ConfigureAwait(false);
            var ended = _ledger.Apply(listing, time.GetUtcNow() - options.Lookback);
            if (kind == SyncKind.Full)
            {
                _lastFullSync = started;
            }

            _lastListed = started;

            _consecutiveAccessFailures = 0;
            var snapshot = LedgerSnapshot.Build(_ledger, options.PerBatchSeries ? options.MaxBatchSeries : 0, time.GetUtcNow(), options.EndedSeriesWindow);
            var duration = time.GetElapsedTime(stopwatch);
            Notify(new SyncReport(source.Name, kind, duration, null, ended));
            Publish(_status with
            {
                Ledger = snapshot,
                Up = true,
                Attempts = _status.Attempts + 1,
                LastSuccessAt = time.GetUtcNow(),
                LastFailure = null,
                LastFailureMessage = null,
                LastSyncCalls = listing.Calls,
            });
            Log.SyncSucceeded(logger, source.Name, kindLabel, listing.Calls, snapshot.Tracked, ended.Count, duration.TotalMilliseconds);
            var resultsUrls = listing.ResultsUrls;
            if (kind == SyncKind.Full)
            {
                // The staged window is garbage from here. Empty the listing rather than only drop the reference: a Native AOT
                // frame can keep reporting it live through the collection (a copy in an untracked temporary, or this
                // method's state, which the continuations run under), and the collection would then keep the whole window
                // (100,000 id strings at 100,000 batches) in the oldest generation, resident until the next full collection.
                listing.ReleaseBatches();
                listing = null;
                HeapTrim.AfterFullSync();
            }

            if (results is not null)
            {
                results.Enqueue(ended, resultsUrls);
                await results.DrainAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ApiException e)
        {
            Fail(kind, kindLabel, stopwatch, e.Reason, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Not an API failure we know: still a failed sync, never a crash of the poller.
            Fail(kind, kindLabel, stopwatch, SyncFailureReason.BadResponse, $"unexpected {e.GetType().Name}: {e.Message}");
        }
    }

    private void Fail(SyncKind kind, string kindLabel, long stopwatch, SyncFailureReason reason, string message)
    {
        _consecutiveAccessFailures = reason.IsAccessFailure() ? _consecutiveAccessFailures + 1 : 0;

        Notify(new SyncReport(source.Name, kind, time.GetElapsedTime(stopwatch), reason, []));
        Publish(_status with
        {
            Up = false,
            Attempts = _status.Attempts + 1,
            LastFailure = reason,
            LastFailureMessage = message,
        });
        switch (reason)
        {
            case SyncFailureReason.Workspace:
                Log.WorkspaceRefused(logger, source.Name, kindLabel, source.WorkspaceId ?? "(none)", NextDelay(), message);
                break;
            case SyncFailureReason.Billing:
                Log.BillingStopped(logger, source.Name, kindLabel, NextDelay(), message);
                break;
            default:
                Log.SyncFailed(logger, source.Name, kindLabel, reason.ToLabel(), message);
                break;
        }
    }

    /// <summary>A first sync of a large window takes minutes: its progress shows on <c>/</c> and in a metric.</summary>
    private void ReportFirstSyncProgress(int listed) => Publish(_status with { FirstSyncListed = listed });

    private void Publish(SourceStatus status)
    {
        _status = status;
        store.Publish(status);
    }

    private void Notify(SyncReport report)
    {
        foreach (var observer in observers)
        {
            observer.OnSynced(report);
        }
    }

    /// <summary>
    /// A rejected key or workspace, or an organization out of money, will not fix itself in a minute: back off,
    /// doubling up to five minutes.
    /// </summary>
    private TimeSpan NextDelay()
    {
        if (_consecutiveAccessFailures == 0)
        {
            return options.PollInterval;
        }

        var factor = Math.Pow(2, Math.Min(_consecutiveAccessFailures - 1, 16));
        var delay = options.PollInterval * factor;
        return delay < MaxFailureBackoff ? delay : (options.PollInterval > MaxFailureBackoff ? options.PollInterval : MaxFailureBackoff);
    }
}
