using BatchExporter.Api;

namespace BatchExporter.Sync;

/// <summary>
/// Told about every finished sync, before its new state is published (so counters move before a scrape can see the
/// batches that ended). The metrics layer counts outcomes from it.
/// </summary>
internal interface ISyncObserver
{
    void OnSynced(SyncReport report);
}

/// <summary>One finished sync: how long it took, whether it failed and why, and the batches it saw end.</summary>
internal sealed record SyncReport(
    string Workspace,
    SyncKind Kind,
    TimeSpan Duration,
    SyncFailureReason? Failure,
    IReadOnlyList<TrackedBatch> Ended);
