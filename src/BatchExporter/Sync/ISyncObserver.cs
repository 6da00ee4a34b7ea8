using BatchExporter.Api;

namespace BatchExporter.Sync;

/// <summary>Told about every finished sync, after its state is published. The metrics layer counts outcomes from it.</summary>
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
