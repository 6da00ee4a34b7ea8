namespace BatchExporter.Api;

/// <summary>Header names and values of the Anthropic API that the exporter sends.</summary>
internal static class ApiHeaders
{
    public const string ApiKey = "x-api-key";
    public const string Version = "anthropic-version";

    /// <summary>The pinned API version: its shapes are stable.</summary>
    public const string VersionValue = "2023-06-01";
    public const string WorkspaceId = "anthropic-workspace-id";
    public const string RequestId = "request-id";
}
