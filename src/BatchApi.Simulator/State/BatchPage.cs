namespace BatchApi.Simulator.State;

/// <summary>One list request: at most one cursor.</summary>
internal readonly record struct PageRequest(int Limit, string? AfterId, string? BeforeId);

/// <summary>The batches of one page, newest first, and whether more exist in the requested direction.</summary>
internal sealed record BatchPage(IReadOnlyList<BatchView> Data, bool HasMore);
