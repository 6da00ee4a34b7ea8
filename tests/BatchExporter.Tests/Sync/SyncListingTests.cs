using BatchExporter.Sync;

namespace BatchExporter.Tests.Sync;

/// <summary>
/// <see cref="SyncListing"/> keeps a first sync's batches in fixed chunks of 1,024: read by index or in order, a listing
/// across chunk boundaries returns exactly what was added, where it was added; an index outside it throws.
/// </summary>
public sealed class SyncListingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static TrackedBatch Batch(int i) =>
        new($"msgbatch_{i:D5}", "in_progress", new BatchCounts(1, 0, 0, 0, 0), T0.AddSeconds(-i), T0.AddSeconds(-i).AddHours(24), null, null);

    private static SyncListing ListingOf(int count)
    {
        var listing = new SyncListing();
        for (var i = 0; i < count; i++)
        {
            listing.Add(Batch(i));
        }

        return listing;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1_023)]
    [InlineData(1_024)]
    [InlineData(1_025)]
    [InlineData(2_500)]
    public void Indexer_AcrossChunkBoundaries_ReturnsEachBatchWhereItWasAdded(int count)
    {
        var listing = ListingOf(count);

        Assert.Equal(count, listing.Batches.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal($"msgbatch_{i:D5}", listing.Batches[i].Id);
        }
    }

    [Fact]
    public void Enumeration_AcrossChunkBoundaries_EqualsTheIndexedBatchesInOrder()
    {
        var listing = ListingOf(2_049);

        Assert.Equal(Enumerable.Range(0, 2_049).Select(i => $"msgbatch_{i:D5}"), listing.Batches.Select(b => b.Id));
        Assert.Equal(Enumerable.Range(0, 2_049).Select(i => listing.Batches[i]), listing.Batches);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, -1)]
    [InlineData(1, 1)]
    [InlineData(1, -1)]
    [InlineData(1_024, 1_024)]
    [InlineData(1_025, 1_025)]
    [InlineData(1_025, int.MinValue)]
    public void Indexer_OutsideTheListing_ThrowsArgumentOutOfRange(int count, int index)
    {
        var listing = ListingOf(count);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => listing.Batches[index]);
        Assert.Equal("index", e.ParamName);
    }

    [Fact]
    public void Add_NewestFirst_OldestCreatedAtIsTheLastAndOldestBatch()
    {
        var listing = new SyncListing();
        Assert.Equal(DateTimeOffset.MaxValue, listing.OldestCreatedAt);

        listing.Add(Batch(5));
        listing.Add(Batch(9));
        listing.Add(Batch(7)); // a later page may repeat a newer batch: the oldest stays the oldest

        Assert.Equal(T0.AddSeconds(-9), listing.OldestCreatedAt);
    }

    [Theory]
    [InlineData(nameof(SyncKind.Full), "full")]
    [InlineData(nameof(SyncKind.Incremental), "incremental")]
    public void ToLabel_EachKind_IsItsSyncDurationLabel(string kind, string label) => Assert.Equal(label, Enum.Parse<SyncKind>(kind).ToLabel());
}
