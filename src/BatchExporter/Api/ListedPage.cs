namespace BatchExporter.Api;

/// <summary>
/// One batch of a list page as <see cref="BatchPageReader"/> reads it: only what the exporter keeps, no objects
/// but the id (and <c>results_url</c>, once the batch has ended). Timestamps are UTC ticks; 0 means absent.
/// </summary>
internal readonly record struct ListedBatch(
    string Id,
    string ProcessingStatus,
    int Processing,
    int Succeeded,
    int Errored,
    int Canceled,
    int Expired,
    long CreatedAtTicks,
    long ExpiresAtTicks,
    long EndedAtTicks,
    long CancelInitiatedAtTicks,
    string? ResultsUrl = null);

/// <summary>One page of <c>GET /v1/messages/batches</c>, newest first, as the exporter reads it.</summary>
internal sealed class ListedPage(List<ListedBatch> data, bool hasMore, string? lastId)
{
    public List<ListedBatch> Data => data;

    public bool HasMore => hasMore;

    public string? LastId => lastId;
}
