using System.Runtime.InteropServices;
using BatchExporter.Api;
using BatchExporter.Sync;

namespace BatchExporter.Benchmarks.Parsing;

/// <summary>The production page path, as <see cref="BatchLister"/> runs it for one page.</summary>
internal static class PageReading
{
    public static async Task ReadOneAsync(BatchApiClient client, ApiSource source, SyncListing listing) =>
        Add(await client.ListAsync(source, null, BatchLister.PageSize, CancellationToken.None), listing);

    public static async Task ParseAsync(Stream stream, SyncListing listing) =>
        Add(await BatchPageReader.ReadAsync(stream, CancellationToken.None), listing);

    private static void Add(ListedPage page, SyncListing listing)
    {
        foreach (ref readonly var item in CollectionsMarshal.AsSpan(page.Data))
        {
            listing.Add(TrackedBatch.From(in item));
        }
    }
}
