using System.Runtime.CompilerServices;
using BatchExporter.Sync;

namespace BatchExporter.Tests.Sync;

public sealed class BatchStoreTests
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("msgbatch_013Zva2CMHLNnXjNJJKqJ2EF")]
    [InlineData("msgbatch_01zzzzzzzzzzzzzzzzzzzzzz")]
    [InlineData("msgbatch_000000000000000000000000")]
    [InlineData("msgbatch_0")]
    [InlineData("msgbatch_" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc")]
    [InlineData("b_run")]
    [InlineData("msgbatch_msgbatch_x")]
    [InlineData("012345678901234567890123456789")]
    public void TryPack_IdOfTheAlphabet_UnpacksToTheSameId(string id)
    {
        Assert.True(BatchKey.TryPack(id, out var key));

        Assert.Equal(id, key.Unpack());
        Assert.False(key.IsUnpacked);
    }

    [Theory]
    [InlineData("")]
    [InlineData("msgbatch_")]
    [InlineData("msgbatch_01-abc")]
    [InlineData("msgbatch_0123456789012345678901234567890")]
    [InlineData("0123456789012345678901234567890")]
    [InlineData("msgbatch_01é")]
    public void TryPack_IdOutsideTheAlphabetOrTooLong_DoesNotPack(string id) => Assert.False(BatchKey.TryPack(id, out _));

    [Fact]
    public void TryPack_IdsThatDifferInOneCharacterOrThePrefix_GiveDifferentKeys()
    {
        var ids = new[] { "msgbatch_01a", "msgbatch_01A", "msgbatch_01b", "01a", "msgbatch_01a_", "msgbatch_01a0" };
        var keys = ids.Select(id => BatchKey.TryPack(id, out var key) ? key : throw new InvalidOperationException(id)).ToList();

        Assert.Equal(ids.Length, keys.Distinct().Count());
    }

    /// <summary>
    /// A key is three words of ten characters each: keys equal in two words and not the third are different (a hash
    /// collision must not make two batches one), through <c>Equals</c>, <c>==</c> and <c>!=</c>.
    /// </summary>
    [Theory]
    [InlineData("msgbatch_0123456789abcdefghijABCDEFGHIJ", "msgbatch_X123456789abcdefghijABCDEFGHIJ")] // first word differs
    [InlineData("msgbatch_0123456789abcdefghijABCDEFGHIJ", "msgbatch_0123456789XbcdefghijABCDEFGHIJ")] // second word differs
    [InlineData("msgbatch_0123456789abcdefghijABCDEFGHIJ", "msgbatch_0123456789abcdefghijABCDEFGHIX")] // third word differs
    public void Equals_KeysThatDifferInOneWord_AreNotEqual(string id, string other)
    {
        Assert.True(BatchKey.TryPack(id, out var key));
        Assert.True(BatchKey.TryPack(other, out var otherKey));
        Assert.True(BatchKey.TryPack(id, out var same));

        Assert.False(key.Equals(otherKey));
        Assert.False(key == otherKey);
        Assert.True(key != otherKey);
        Assert.True(key.Equals(same));
        Assert.True(key == same);
        Assert.False(key != same);
    }

    [Fact]
    public void Apply_IdsThatDoNotPack_AreTrackedByStringAndTheirSlotsFreedWhenTheyLeave()
    {
        var ledger = new BatchLedger();
        ledger.Apply(Listing(true, Ended("batch-3", 3), Ended("msgbatch_01ok", 2), Ended("batch-1", 1)), T0.AddDays(-30));
        Assert.Equal(2, ledger.Store.UnpackedCount);

        var ended = ledger.Apply(Listing(true, Ended("batch-4", 4), Ended("msgbatch_01ok", 2), Ended("batch-1", 1)), T0.AddDays(-30));

        Assert.Equal(["batch-4"], ended.Select(b => b.Id));
        Assert.Equal(["batch-1", "batch-4", "msgbatch_01ok"], ledger.Batches.Select(b => b.Id).Order(StringComparer.Ordinal));
        Assert.Equal(2, ledger.Store.UnpackedCount); // batch-3 left, its slot reused by batch-4
    }

    [Fact]
    public void Apply_BatchRoundTripsThroughTheStore_KeepsEveryField()
    {
        var ledger = new BatchLedger();
        var created = T0.AddTicks(1234567);
        var batch = new TrackedBatch("msgbatch_01Abc", "paused", new BatchCounts(1, 2, 3, 4, 5), created, created.AddHours(24).AddTicks(7), created.AddHours(3).AddTicks(1), created.AddMinutes(9).AddTicks(3));

        ledger.Apply(Listing(true, batch), T0.AddDays(-30));

        Assert.Equal(batch, Assert.Single(ledger.Batches));
    }

    /// <summary>
    /// The ledger's compact storage: 100,000 batches with the API's ids take at most 120 bytes each on the managed heap
    /// (108 measured: a 24-byte key and a 56-byte record in a dictionary entry, plus the dictionary's headroom), where a
    /// string per id and a dictionary keyed by it took 187. Counted after compacting collections, listing excluded.
    /// </summary>
    [Fact]
    public void Apply_100000ApiShapedBatches_KeepsAtMost120BytesPerBatch()
    {
        const int n = 100_000;
        var listing = new SyncListing { ReachedEnd = true };
        var random = new Random(1);
        for (var i = 0; i < n; i++)
        {
            var id = "msgbatch_01" + string.Create(22, random, static (span, r) =>
            {
                for (var j = 0; j < span.Length; j++)
                {
                    span[j] = Base62[r.Next(Base62.Length)];
                }
            });
            listing.Add(Ended(id, -i));
        }

        var before = Heap();
        var ledger = new BatchLedger();
        ledger.Apply(listing, T0.AddDays(-365));
        var snapshot = LedgerSnapshot.Build(ledger, 1000, T0, TimeSpan.FromHours(1));
        var perBatch = (Heap() - before) / n;
        GC.KeepAlive(listing);
        GC.KeepAlive(snapshot);

        Assert.Equal(n, ledger.Count);
        Assert.Equal(0, ledger.Store.UnpackedCount);
        Assert.Equal(24, Unsafe.SizeOf<BatchKey>());
        Assert.Equal(56, Unsafe.SizeOf<StoredBatch>());
        Assert.InRange(perBatch, 80, 120);
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static TrackedBatch Ended(string id, int minute)
    {
        var created = T0.AddMinutes(minute);
        return new TrackedBatch(id, BatchStatus.Ended, new BatchCounts(0, 8, 1, 0, 1), created, created.AddHours(24), created.AddMinutes(5), null);
    }

    private static SyncListing Listing(bool reachedEnd, params TrackedBatch[] newestFirst)
    {
        var listing = new SyncListing { ReachedEnd = reachedEnd };
        foreach (var b in newestFirst)
        {
            listing.Add(b);
        }

        return listing;
    }
}
