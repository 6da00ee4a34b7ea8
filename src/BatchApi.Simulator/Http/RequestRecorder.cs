using BatchApi.Simulator.Recording;

namespace BatchApi.Simulator.Http;

/// <summary>Turns a request into a <see cref="LoggedRequest"/>, leaving the key headers out.</summary>
internal static class RequestRecorder
{
    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase) { "x-api-key", "authorization" };

    public static LoggedRequest Entry(HttpRequest request, string endpoint, DateTimeOffset time, DateTimeOffset wallTime, int statusCode, long? responseBytes)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Query)
        {
            query[name] = values.Count > 0 ? values[^1] ?? string.Empty : string.Empty;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            if (!SecretHeaders.Contains(name))
            {
                headers[name.ToLowerInvariant()] = values.ToString();
            }
        }

        string? workspaceId = request.Headers[ApiAdmission.WorkspaceHeader];
        return new LoggedRequest(time, wallTime, endpoint, request.Method, request.Path.Value ?? string.Empty, query, headers,
            statusCode, string.IsNullOrEmpty(workspaceId) ? null : workspaceId, responseBytes);
    }
}
