using BatchExporter.Sync;

namespace BatchExporter.Benchmarks.Drivers;

/// <summary>
/// Bytes per tracked batch of the ledger alone: N batches (ids shaped like the API's, 33 characters) applied as a
/// first sync, managed heap measured after full compacting collections, listing released.
/// </summary>
internal static class LedgerHeapDriver
{
    public static void Run(IReadOnlyList<int> sizes)
    {
        Console.WriteLine("| batches tracked | ledger + snapshot managed heap | bytes per tracked batch |");
        Console.WriteLine("|---:|---:|---:|");
        foreach (var n in sizes)
        {
            var before = Heap();
            var ledger = Build(n);
            var snapshot = LedgerSnapshot.Build(ledger, 1000, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
            var after = Heap();
            GC.KeepAlive(snapshot);
            Console.WriteLine($"| {n:N0} | {(after - before) / (1024.0 * 1024):0.0} MiB | {(after - before) / n} |");
            GC.KeepAlive(ledger);
        }
    }

    private static BatchLedger Build(int n)
    {
        var now = new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
        var listing = new SyncListing();
        var random = new Random(1);
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (var i = 0; i < n; i++)
        {
            var id = "msgbatch_01" + string.Create(22, random, static (span, r) =>
            {
                for (var j = 0; j < span.Length; j++)
                {
                    span[j] = alphabet[r.Next(alphabet.Length)];
                }
            });
            var created = now - TimeSpan.FromDays(6) * (i / (double)n);
            listing.Add(new TrackedBatch(id, BatchStatus.Ended, new BatchCounts(0, 90, 5, 0, 5), created, created.AddHours(24), created.AddHours(1), null));
        }

        var ledger = new BatchLedger();
        ledger.Apply(listing, now - TimeSpan.FromDays(7));
        return ledger;
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
