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

    public void Publish(SourceStatus status) =>
        ImmutableInterlocked.Update(ref _all, static (all, s) =>
        {
            var i = all.FindIndex(x => x.Workspace == s.Workspace);
            return i < 0 ? all.Add(s) : all.SetItem(i, s);
        }, status);
}

file static class ImmutableArrayExtensions
{
    public static int FindIndex(this ImmutableArray<SourceStatus> all, Func<SourceStatus, bool> match)
    {
        for (var i = 0; i < all.Length; i++)
        {
            if (match(all[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
