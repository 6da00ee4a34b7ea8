using BatchExporter.Api;

namespace BatchExporter.Sync;

/// <summary>One source as a scrape sees it: the last good ledger snapshot plus the health of the last sync.</summary>
internal sealed record SourceStatus(string Workspace)
{
    /// <summary>Gets the state from the last successful sync (empty before the first).</summary>
    public LedgerSnapshot Ledger { get; init; } = LedgerSnapshot.Empty;

    /// <summary>Gets a value indicating whether the last sync succeeded.</summary>
    public bool Up { get; init; }

    /// <summary>Gets the number of sync attempts finished, successful or not.</summary>
    public long Attempts { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public SyncFailureReason? LastFailure { get; init; }

    /// <summary>Gets the last failure's message (classified, key-free).</summary>
    public string? LastFailureMessage { get; init; }

    /// <summary>Gets the batches listed so far by the first sync (while it runs, and the number it listed once done); null before it lists a page.</summary>
    public int? FirstSyncListed { get; init; }

    /// <summary>Gets the list calls of the last successful sync.</summary>
    public int LastSyncCalls { get; init; }
}
