using System.Collections.Immutable;

namespace BatchExporter.Sync;

/// <summary>
/// The latest <see cref="SourceStatus"/> of every source this replica serves. Pollers publish whole
/// immutable values; scrapes and endpoints read them without locks.
/// </summary>
internal sealed class SourceStatusStore
{
    private ImmutableArray<SourceStatus> _all = [];

    public IReadOnlyList<SourceStatus> All => _all;

    /// <summary>Gets a value indicating whether every source has finished its first sync attempt.</summary>
    public bool AllAttempted => _all.All(s => s.Attempts > 0);

    /// <summary>Adds the status of a new source, or replaces the one with the same workspace name.</summary>
    public void Publish(SourceStatus status) =>
        ImmutableInterlocked.Update(ref _all, static (all, s) =>
        {
            for (var i = 0; i < all.Length; i++)
            {
                if (all[i].Workspace == s.Workspace)
                {
                    return all.SetItem(i, s);
                }
            }

            return all.Add(s);
        }, status);
}
