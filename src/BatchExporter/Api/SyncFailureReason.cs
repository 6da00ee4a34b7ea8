namespace BatchExporter.Api;

/// <summary>Why a sync failed: the <c>reason</c> label of <c>anthropic_batch_exporter_sync_errors_total</c>.</summary>
internal enum SyncFailureReason
{
    Auth,
    Permission,
    RateLimited,
    Overloaded,
    Server,
    Timeout,
    Network,
    BadResponse,
    PaginationLoop,
}

internal static class SyncFailureReasonExtensions
{
    /// <summary>All reasons, in label order, so counters can start at zero.</summary>
    public static readonly SyncFailureReason[] All = Enum.GetValues<SyncFailureReason>();

    public static string ToLabel(this SyncFailureReason reason) => reason switch
    {
        SyncFailureReason.Auth => "auth",
        SyncFailureReason.Permission => "permission",
        SyncFailureReason.RateLimited => "rate_limited",
        SyncFailureReason.Overloaded => "overloaded",
        SyncFailureReason.Server => "server",
        SyncFailureReason.Timeout => "timeout",
        SyncFailureReason.Network => "network",
        SyncFailureReason.BadResponse => "bad_response",
        SyncFailureReason.PaginationLoop => "pagination_loop",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    /// <summary>The reason for an HTTP error status of the API.</summary>
    public static SyncFailureReason FromStatus(int status) => status switch
    {
        401 => SyncFailureReason.Auth,
        403 => SyncFailureReason.Permission,
        408 => SyncFailureReason.Timeout,
        429 => SyncFailureReason.RateLimited,
        529 => SyncFailureReason.Overloaded,
        >= 500 => SyncFailureReason.Server,
        _ => SyncFailureReason.BadResponse,
    };
}
