namespace BatchExporter.Sync;

/// <summary>The sync's log lines. Messages carry the source name, never its key.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Source {Source}: {Kind} sync ok, {Calls} list calls, {Tracked} batches tracked, {Ended} ended, {DurationMs:0} ms")]
    public static partial void SyncSucceeded(ILogger logger, string source, string kind, int calls, int tracked, int ended, double durationMs);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Source {Source}: {Kind} sync failed ({Reason}): {Error}")]
    public static partial void SyncFailed(ILogger logger, string source, string kind, string reason, string error);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Source {Source}: {Kind} sync failed (workspace): the API refused anthropic-workspace-id '{WorkspaceId}'. Set the source's workspace id (Exporter:Sources:N:WorkspaceId, or ANTHROPIC_WORKSPACE_ID for the single source) to a wrkspc_… id this key can reach; next try in {Backoff}. {Error}")]
    public static partial void WorkspaceRefused(ILogger logger, string source, string kind, string workspaceId, TimeSpan backoff, string error);

    [LoggerMessage(EventId = 105, Level = LogLevel.Error, Message = "Source {Source}: {Kind} sync failed (billing): the organization's API usage is stopped (402 billing_error or the monthly spend cap). Check Billing and Limits in the Claude Console; next try in {Backoff}. {Error}")]
    public static partial void BillingStopped(ILogger logger, string source, string kind, TimeSpan backoff, string error);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Serving {Count} of {Total} sources (shard {Index} of {Shards}): {Names}")]
    public static partial void ServingSources(ILogger logger, int count, int total, int index, int shards, string names);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Source {Source}: results of {BatchId} not read (attempt {Attempt}, {Reason}): {Error}")]
    public static partial void ResultsFailed(ILogger logger, string source, string batchId, int attempt, string reason, string error);
}
