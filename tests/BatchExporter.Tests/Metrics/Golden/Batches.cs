using BatchExporter.Sync;

namespace BatchExporter.Tests.Metrics.Golden;

/// <summary>Hand-built batches of one workspace, at <see cref="CatalogueScrape.Now"/> (Unix 1793620800).</summary>
internal static class Batches
{
    private static readonly DateTimeOffset Now = CatalogueScrape.Now;

    /// <summary>in_progress, created 2 h ago (1793613600), expires in 22 h (1793700000), 10 requests.</summary>
    public static readonly TrackedBatch Running = Active("b_run", "in_progress", 10, Now.AddHours(-2));

    /// <summary>canceling, created 23.5 h ago (1793536200), expires in 30 min (1793622600), 4 requests.</summary>
    public static readonly TrackedBatch Canceling = new("b_cancel", "canceling", new BatchCounts(4, 0, 0, 0, 0), Now.AddHours(-23.5), Now.AddHours(0.5), null, Now.AddHours(-1));

    /// <summary>A status the API did not document: created 1 h ago (1793617200), expires in 23 h (1793703600), 2 requests.</summary>
    public static readonly TrackedBatch Paused = Active("b_paused", "paused", 2, Now.AddHours(-1));

    /// <summary>ended 6 h ago after 24 h (expired requests): 5 succeeded, 2 errored, 1 expired.</summary>
    public static readonly TrackedBatch Expired = new("b_done", "ended", new BatchCounts(0, 5, 2, 0, 1), Now.AddHours(-30), Now.AddHours(-6), Now.AddHours(-6), null);

    /// <summary>ended 10 min after it was created 1 h ago, all 3 succeeded.</summary>
    public static readonly TrackedBatch Completed = new("b_ok", "ended", new BatchCounts(0, 3, 0, 0, 0), Now.AddHours(-1), Now.AddHours(23), Now.AddMinutes(-50), null);

    private static TrackedBatch Active(string id, string status, int size, DateTimeOffset created) =>
        new(id, status, new BatchCounts(size, 0, 0, 0, 0), created, created.AddHours(24), null, null);
}
