namespace BatchExporter.Sync;

/// <summary>The sync's log lines. Messages carry the source name, never its key.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Source {Source}: {Kind} sync ok, {Calls} list calls, {Tracked} batches tracked, {Ended} ended, {DurationMs:0} ms")]
    public static partial void SyncSucceeded(ILogger logger, string source, string kind, int calls, int tracked, int ended, double durationMs);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Source {Source}: {Kind} sync failed ({Reason}): {Error}")]
    public static partial void SyncFailed(ILogger logger, string source, string kind, string reason, string error);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Serving {Count} of {Total} sources (shard {Index} of {Shards}): {Names}")]
    public static partial void ServingSources(ILogger logger, int count, int total, int index, int shards, string names);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Source {Source}: results of {BatchId} not read (attempt {Attempt}, {Reason}): {Error}")]
    public static partial void ResultsFailed(ILogger logger, string source, string batchId, int attempt, string reason, string error);
}
