namespace BatchExporter.Api;

/// <summary>
/// Told about every HTTP attempt the API client makes, retries included, and then about the bytes read from its
/// response body. The metrics layer counts them.
/// </summary>
internal interface IApiObserver
{
    void OnAttempt(ApiAttempt attempt);
}

/// <summary>
/// One report about the API: either an HTTP attempt (the source, the endpoint <c>list</c>, <c>retrieve</c> or
/// <c>results</c>, and the HTTP status or <c>network</c>/<c>timeout</c> as <paramref name="Code"/>), or, once its
/// response body is released, the bytes read from it (<paramref name="Code"/> null, <paramref name="ResponseBytes"/>
/// above zero; see <see cref="Read"/>).
/// </summary>
internal readonly record struct ApiAttempt(string Workspace, string Endpoint, string? Code, long ResponseBytes = 0)
{
    /// <summary>The report of <paramref name="bytes"/> read from one response body of <paramref name="endpoint"/>.</summary>
    public static ApiAttempt Read(string workspace, string endpoint, long bytes) => new(workspace, endpoint, null, bytes);
}
