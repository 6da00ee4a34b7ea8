namespace BatchApi.Simulator.Recording;

/// <summary>
/// One API request as the simulator saw it. Header names are lower case; <c>x-api-key</c> and
/// <c>authorization</c> are never recorded.
/// </summary>
/// <param name="Time">Arrival time on the simulator's <see cref="TimeProvider"/>.</param>
/// <param name="WallTime">Arrival time on the wall clock.</param>
/// <param name="Endpoint"><c>list</c>, <c>retrieve</c>, <c>results</c> or <c>other</c>.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path.</param>
/// <param name="Query">Query parameters (the last value of a repeated one).</param>
/// <param name="Headers">Request headers without the key headers (repeated values joined by a comma).</param>
/// <param name="StatusCode">Response status; 0 when the request hung and was never answered.</param>
/// <param name="WorkspaceId">The <c>anthropic-workspace-id</c> header, if sent.</param>
/// <param name="ResponseBytes">Bytes of the response body as rendered (cut in half for a truncated one; 0 when the
/// request hung); null for a streamed body (results files), whose length is not known in advance.</param>
public sealed record LoggedRequest(
    DateTimeOffset Time,
    DateTimeOffset WallTime,
    string Endpoint,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    int StatusCode,
    string? WorkspaceId,
    long? ResponseBytes = null);
