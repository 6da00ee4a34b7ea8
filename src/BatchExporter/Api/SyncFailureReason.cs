namespace BatchExporter.Api;

/// <summary>Why a sync failed: the <c>reason</c> label of <c>anthropic_batch_exporter_sync_errors_total</c>.</summary>
internal enum SyncFailureReason
{
    Auth,
    Permission,

    /// <summary>The API refused the <c>anthropic-workspace-id</c>: missing for an identity-linked key, malformed, or unknown.</summary>
    Workspace,

    /// <summary>The organization's usage is stopped: 402 <c>billing_error</c>, or the spend-cap 429.</summary>
    Billing,
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
        SyncFailureReason.Workspace => "workspace",
        SyncFailureReason.Billing => "billing",
        SyncFailureReason.RateLimited => "rate_limited",
        SyncFailureReason.Overloaded => "overloaded",
        SyncFailureReason.Server => "server",
        SyncFailureReason.Timeout => "timeout",
        SyncFailureReason.Network => "network",
        SyncFailureReason.BadResponse => "bad_response",
        SyncFailureReason.PaginationLoop => "pagination_loop",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    /// <summary>Whether the failure is one that waiting a minute will not fix: the next syncs back off.</summary>
    public static bool IsAccessFailure(this SyncFailureReason reason) =>
        reason is SyncFailureReason.Auth or SyncFailureReason.Permission or SyncFailureReason.Workspace or SyncFailureReason.Billing;

    /// <summary>The reason for an HTTP error status of the API (see <see cref="FromError"/> for the body's say).</summary>
    public static SyncFailureReason FromStatus(int status) => status switch
    {
        401 => SyncFailureReason.Auth,
        402 => SyncFailureReason.Billing,
        403 => SyncFailureReason.Permission,
        408 or 504 => SyncFailureReason.Timeout,
        429 => SyncFailureReason.RateLimited,
        529 => SyncFailureReason.Overloaded,
        >= 500 => SyncFailureReason.Server,
        _ => SyncFailureReason.BadResponse,
    };

    /// <summary>
    /// The reason for an API error answer: the status, refined by the body where the API says more. A 400 or 404
    /// about <c>anthropic-workspace-id</c> (missing, malformed, unknown workspace) is <c>workspace</c>; a 429 whose
    /// <c>error_code</c> is <c>enforced_spend_limit_reached</c> is the spend cap, <c>billing</c>.
    /// </summary>
    public static SyncFailureReason FromError(int status, string? errorType, string? message, string? errorCode) => status switch
    {
        429 when errorCode == SpendLimitErrorCode => SyncFailureReason.Billing,
        400 when errorType == "invalid_request_error" && message is not null
            && message.Contains("anthropic-workspace-id", StringComparison.OrdinalIgnoreCase) => SyncFailureReason.Workspace,
        404 when errorType == "not_found_error" && message is not null
            && message.StartsWith("Workspace ", StringComparison.Ordinal) => SyncFailureReason.Workspace,
        _ => FromStatus(status),
    };

    /// <summary>The <c>error_code</c> of the spend-cap 429 (no <c>retry-after</c>; usage resumes next month).</summary>
    public const string SpendLimitErrorCode = "enforced_spend_limit_reached";
}
