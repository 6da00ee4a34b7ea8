namespace BatchApi.Simulator.State;

/// <summary>A batch as the API returns it at one moment (an immutable copy).</summary>
public sealed record BatchView(
    string Id,
    string ProcessingStatus,
    RequestCountsView Counts,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? CancelInitiatedAt,
    DateTimeOffset? ArchivedAt,
    string? ResultsUrl)
{
    /// <summary>Number of requests in the batch.</summary>
    public int Size => Counts.Total;
}
