using BatchExporter.Metrics;
using BatchExporter.Sync;

namespace BatchExporter.Tests.Metrics;

/// <summary>
/// One scrape reads one published state: a sync that publishes while a scrape runs shows in the next scrape, and
/// scrapes take turns. (Through real concurrent scrapes and syncs: <c>ScrapeLoadTests.ConcurrentScrapesWhileSyncsChangeState_EveryBodyDescribesOneSync</c>.)
/// </summary>
public sealed class ScrapeSnapshotTests
{
    [Fact]
    public async Task PinAsync_SyncPublishesDuringTheScrape_TheScrapeKeepsWhatItPinnedAndTheNextSeesTheNew()
    {
        var store = new SourceStatusStore();
        var before = new SourceStatus("ws") { Attempts = 1 };
        store.Publish(before);
        using var snapshot = new ScrapeSnapshot(store);

        using (var pin = await snapshot.PinAsync(CancellationToken.None))
        {
            store.Publish(new SourceStatus("ws") { Attempts = 2 });

            Assert.Same(before, Assert.Single(pin.Sources));
            Assert.Same(before, Assert.Single(snapshot.Sources));
        }

        Assert.Equal(2, Assert.Single(snapshot.Sources).Attempts); // outside a scrape (an OTLP export): the latest

        using var next = await snapshot.PinAsync(CancellationToken.None);
        Assert.Equal(2, Assert.Single(next.Sources).Attempts);
    }

    [Fact]
    public async Task PinAsync_WhileAnotherScrapeHoldsItsTurn_WaitsUntilThatScrapeEnds()
    {
        var store = new SourceStatusStore();
        store.Publish(new SourceStatus("ws"));
        using var snapshot = new ScrapeSnapshot(store);
        var first = await snapshot.PinAsync(CancellationToken.None);

        var second = snapshot.PinAsync(CancellationToken.None);
        await Task.Yield();
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }
}
