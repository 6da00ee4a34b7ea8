using BatchExporter.Api;

namespace BatchExporter.Sync;

/// <summary>
/// Pages <c>GET /v1/messages/batches</c> newest first, as far down as a sync needs: to the lookback start for a
/// full sync, or to the ledger's incremental boundary. Detects pagination loops.
/// </summary>
internal sealed class BatchLister(BatchApiClient client)
{
    /// <summary>The largest page the API serves: the fewest calls per batch.</summary>
    public const int PageSize = 1000;

    /// <summary>More pages than this (a billion batches) can only be a server that never stops.</summary>
    private const int MaxPages = 1_000_000;

    /// <summary>Lists what a sync of <paramref name="kind"/> needs; <paramref name="onPage"/>, when given, is told the number of batches listed so far after each page (the first sync's progress).</summary>
    public async Task<SyncListing> ListAsync(ApiSource source, SyncKind kind, TrackedBatch? boundary, DateTimeOffset lookbackStart, CancellationToken cancellationToken,
        bool keepResultsUrls = false, Action<int>? onPage = null)
    {
        var listing = new SyncListing { ResultsUrls = keepResultsUrls ? new(StringComparer.Ordinal) : null };
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            var page = await client.ListAsync(source, after, PageSize, cancellationToken).ConfigureAwait(false);
            listing.Calls++;
            var reachedBoundary = false;
            foreach (ref readonly var item in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(page.Data))
            {
                var batch = TrackedBatch.From(in item);
                listing.Add(batch);
                if (listing.ResultsUrls is { } urls && item.ResultsUrl is { } url && batch.IsEnded)
                {
                    urls[batch.Id] = url;
                }

                reachedBoundary |= kind == SyncKind.Incremental && boundary is { } b && (batch.Id == b.Id || batch.CreatedAt < b.CreatedAt);
            }

            onPage?.Invoke(listing.Batches.Count);

            if (!page.HasMore)
            {
                listing.ReachedEnd = true;
                return listing;
            }

            if (page.Data.Count == 0)
            {
                throw new ApiException(SyncFailureReason.BadResponse, "list page is empty but has_more is true");
            }

            if (reachedBoundary || listing.OldestCreatedAt < lookbackStart)
            {
                return listing;
            }

            after = page.LastId ?? page.Data[^1].Id;
            if (!cursors.Add(after) || listing.Calls >= MaxPages)
            {
                throw new ApiException(SyncFailureReason.PaginationLoop, $"pagination loop: cursor {after} came back after {listing.Calls} pages");
            }
        }
    }
}
