using BatchExporter.Sync;

namespace BatchExporter.Metrics;

/// <summary>
/// Makes a scrape read one published state: the scrape pins the sources' statuses once, and every family of its body
/// (the OpenTelemetry part and the per-batch part) reads the pinned list, so a sync that publishes mid-scrape shows
/// in the next body, never in half of this one. Scrapes take turns (each is a few milliseconds).
/// </summary>
internal sealed class ScrapeSnapshot(SourceStatusStore store) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private IReadOnlyList<SourceStatus>? _pinned;

    /// <summary>Gets the pinned statuses during a scrape; outside one (an OTLP export), the latest.</summary>
    public IReadOnlyList<SourceStatus> Sources => Volatile.Read(ref _pinned) ?? store.All;

    public void Dispose() => _turn.Dispose();

    /// <summary>Waits for this scrape's turn and pins the latest statuses until the returned scope is disposed.</summary>
    public async Task<Pin> PinAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _pinned, store.All);
        return new Pin(this);
    }

    /// <summary>A scrape's turn: holds the pinned statuses until disposed.</summary>
    internal readonly struct Pin(ScrapeSnapshot owner) : IDisposable
    {
        public IReadOnlyList<SourceStatus> Sources => owner.Sources;

        public void Dispose()
        {
            Volatile.Write(ref owner._pinned, null);
            owner._turn.Release();
        }
    }
}
