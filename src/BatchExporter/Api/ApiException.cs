namespace BatchExporter.Api;

/// <summary>
/// A failed API call, classified. The message holds the HTTP status, the API's error type and request id, and
/// the API's own message with any API key removed; it never holds request headers.
/// </summary>
internal sealed class ApiException : Exception
{
    public ApiException(SyncFailureReason reason, string message, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
    }

    public ApiException()
        : this(SyncFailureReason.BadResponse, "API call failed")
    {
    }

    public ApiException(string message)
        : this(SyncFailureReason.BadResponse, message)
    {
    }

    public ApiException(string message, Exception inner)
        : this(SyncFailureReason.BadResponse, message, inner)
    {
    }

    public SyncFailureReason Reason { get; }
}
