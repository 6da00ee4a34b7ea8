namespace BatchExporter.Sync;

/// <summary>
/// Gives memory back to the operating system after a full sync. A full sync (the first one, and the periodic resync)
/// stages the whole window (every listed batch, its id, the parser's buffers) next to the ledger, so the heap peaks at
/// about twice what the process keeps; without a collection that decommits, the freed regions stay resident and the
/// process's RSS stays at the peak. An aggressive blocking collection (tens of milliseconds at 100,000 batches) runs
/// once per full sync, which happens at start and every <c>Exporter:FullResyncInterval</c>; incremental syncs stage
/// little and do not trigger it.
/// </summary>
internal static class HeapTrim
{
    public static void AfterFullSync() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
