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

    public SyncFailureReason Reason { get; }
}
