using System.Text.Json.Serialization;

namespace BatchExporter.Api;

/// <summary>A Message Batch as the list and retrieve endpoints return it (the fields the exporter reads).</summary>
internal sealed class MessageBatch
{
    [JsonRequired]
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the status: <c>in_progress</c>, <c>canceling</c>, <c>ended</c>, or a value the API adds later.</summary>
    [JsonRequired]
    public string ProcessingStatus { get; set; } = string.Empty;

    [JsonRequired]
    public RequestCounts RequestCounts { get; set; } = new();

    [JsonRequired]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonRequired]
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public DateTimeOffset? CancelInitiatedAt { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>Requests of a batch by state; all <c>processing</c> until the whole batch ends.</summary>
internal sealed class RequestCounts
{
    public long Processing { get; set; }

    public long Succeeded { get; set; }

    public long Errored { get; set; }

    public long Canceled { get; set; }

    public long Expired { get; set; }

    public long Total => Processing + Succeeded + Errored + Canceled + Expired;
}

/// <summary>One page of <c>GET /v1/messages/batches</c>.</summary>
internal sealed class BatchPage
{
    [JsonRequired]
    public List<MessageBatch> Data { get; set; } = [];

    public bool HasMore { get; set; }

    public string? FirstId { get; set; }

    public string? LastId { get; set; }
}

/// <summary>
/// One batch of a list page as <see cref="BatchPageReader"/> reads it: only what the exporter keeps, no objects
/// but the id. Timestamps are UTC ticks; 0 means absent (<c>null</c> or missing).
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
    long CancelInitiatedAtTicks);

/// <summary>One page of <c>GET /v1/messages/batches</c>, newest first, as the exporter reads it.</summary>
internal sealed class ListedPage(List<ListedBatch> data, bool hasMore, string? lastId)
{
    public List<ListedBatch> Data => data;

    public bool HasMore => hasMore;

    public string? LastId => lastId;
}
