namespace BatchExporter.Api;

/// <summary>What the per-attempt handler learns about a request from the client that made it.</summary>
internal static class ApiRequestOptions
{
    public static readonly HttpRequestOptionsKey<ApiSource> Source = new("anthropic.source");

    /// <summary>The <c>endpoint</c> label: list, retrieve or results.</summary>
    public static readonly HttpRequestOptionsKey<string> Endpoint = new("anthropic.endpoint");

    /// <summary>Set when the client already took budget for the first attempt; retries take their own.</summary>
    public static readonly HttpRequestOptionsKey<bool> BudgetPrepaid = new("anthropic.budget-prepaid");
}
