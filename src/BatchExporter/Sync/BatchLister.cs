using BatchExporter.Api;

namespace BatchExporter.Sync;

/// <summary>
/// Pages <c>GET /v1/messages/batches</c> newest first, as far down as a sync needs: to the lookback start for a
/// full sync, or to the ledger's incremental boundary. A full sync asks for pages of 1,000; an incremental sync's
/// first page fits what it expects to read (<see cref="IncrementalExpectation.PageSize"/>), and grows when a page
/// ends with <c>has_more</c> above the boundary. Detects pagination loops.
/// </summary>
internal sealed class BatchLister(BatchApiClient client)
{
    /// <summary>The page size of a full sync: the largest the API serves, the fewest calls per batch.</summary>
    public const int PageSize = IncrementalExpectation.MaxPageSize;

    /// <summary>More pages than this (a billion batches) can only be a server that never stops.</summary>
    private const int MaxPages = 1_000_000;

    /// <summary>
    /// Lists one sync's batches. An incremental sync stops at the page that shows a batch created before
    /// <c>boundary</c>, or all <c>expectation.BoundaryTies</c> batches created in the same instant as it (they come in no
    /// particular order, and each may still change); its first page asks for <c>expectation.PageSize(sinceLastSync)</c>.
    /// A full sync asks for pages of <see cref="PageSize"/>. With <c>keepResultsUrls</c> the listing keeps the ended
    /// batches' <c>results_url</c>; <c>onPage</c>, when given, is told the number of batches listed so far after each page
    /// (the first sync's progress).
    /// </summary>
    public async Task<SyncListing> ListAsync(ApiSource source, SyncKind kind, TrackedBatch? boundary, IncrementalExpectation expectation, TimeSpan sinceLastSync, DateTimeOffset lookbackStart, CancellationToken cancellationToken,
        bool keepResultsUrls = false, Action<int>? onPage = null)
    {
        var limit = kind == SyncKind.Full || boundary is null ? PageSize : expectation.PageSize(sinceLastSync);
        var ties = 0;
        var listing = new SyncListing { ResultsUrls = keepResultsUrls ? new(StringComparer.Ordinal) : null };
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            var page = await client.ListAsync(source, after, limit, cancellationToken).ConfigureAwait(false);
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

                if (kind == SyncKind.Incremental && boundary is { } b)
                {
                    ties += batch.CreatedAtTicks == b.CreatedAtTicks ? 1 : 0;
                    reachedBoundary |= batch.CreatedAtTicks < b.CreatedAtTicks || ties >= Math.Max(1, expectation.BoundaryTies);
                }
            }

            onPage?.Invoke(listing.Batches.Count);

            if (!page.HasMore)
            {
                listing.ReachedEnd = true;
                return listing;
            }

            if (page.Data.Count == 0)
            {
                throw new ApiException(SyncFailureReason.PaginationLoop, "pagination loop: list page is empty but has_more is true");
            }

            if (reachedBoundary || listing.OldestCreatedAt < lookbackStart)
            {
                return listing;
            }

            limit = IncrementalExpectation.NextPageSize(limit);
            after = page.LastId ?? page.Data[^1].Id;
            if (!cursors.Add(after) || listing.Calls >= MaxPages)
            {
                throw new ApiException(SyncFailureReason.PaginationLoop, $"pagination loop: cursor {after} came back after {listing.Calls} pages");
            }
        }
    }
}
