using System.Text.Json;
using BatchExporter.Api;
using BatchExporter.Sync;

namespace BatchExporter.Benchmarks.Parsing;

/// <summary>The production page path, as <see cref="BatchLister"/> runs it for one page.</summary>
internal static class PageReading
{
    public static async Task ReadOneAsync(BatchApiClient client, ApiSource source, SyncListing listing)
    {
        var page = await client.ListAsync(source, null, BatchLister.PageSize, CancellationToken.None);
        foreach (var item in page.Data)
        {
            listing.Add(TrackedBatch.From(item));
        }
    }

    public static async Task ParseAsync(Stream stream, SyncListing listing)
    {
        var page = await JsonSerializer.DeserializeAsync(stream, ApiJsonContext.Default.BatchPage);
        foreach (var item in page!.Data)
        {
            listing.Add(TrackedBatch.From(item));
        }
    }
}
