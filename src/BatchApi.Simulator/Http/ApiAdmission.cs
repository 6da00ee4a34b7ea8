using System.Security.Cryptography;
using System.Text;
using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Http;

/// <summary>
/// The checks every API request passes before its endpoint runs: the key (<c>x-api-key</c>, or
/// <c>Authorization: Bearer</c> as the official SDKs send it), a non-empty <c>anthropic-version</c>, the workspace
/// named by <c>anthropic-workspace-id</c>, and the organization's rate limit. The workspace answers are the API's:
/// an identity-linked key without the header gets 400, a malformed id 400, an unknown workspace 404
/// <c>not_found_error</c>; a key of the default workspace may omit the header.
/// </summary>
internal static class ApiAdmission
{
    public const string WorkspaceHeader = "anthropic-workspace-id";
    public const string WorkspaceRequiredMessage =
        "anthropic-workspace-id is required when authenticating with an identity-linked API key; send the id of the workspace this request acts in.";

    public const string MalformedWorkspaceMessage = "anthropic-workspace-id header must be a valid workspace ID.";
    private const string BearerPrefix = "Bearer ";

    public static (ApiResponse? Rejection, SimulatedWorkspace? Workspace) Check(HttpRequest request, BatchSimulator simulator, string requestId)
    {
        if (!KeyMatches(PresentedKey(request), simulator.ApiKey))
        {
            return (ApiResponse.Error(401, "authentication_error", "invalid x-api-key", requestId), null);
        }

        if (string.IsNullOrWhiteSpace(request.Headers["anthropic-version"]))
        {
            return (ApiResponse.Error(400, "invalid_request_error", "anthropic-version: header is required", requestId), null);
        }

        var (rejection, workspace) = Workspace(request, simulator, requestId);
        if (rejection is not null)
        {
            return (rejection, null);
        }

        if (simulator.RateLimit?.TryTake(simulator.Time.GetUtcNow()) is { } wait)
        {
            var retryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var message = $"This request would exceed your organization's rate limit of {simulator.RateLimit.RequestsPerMinute} requests per minute (simulated).";
            return (ApiResponse.Error(429, "rate_limit_error", message, requestId, retryAfter), null);
        }

        return (null, workspace);
    }

    private static (ApiResponse? Rejection, SimulatedWorkspace? Workspace) Workspace(HttpRequest request, BatchSimulator simulator, string requestId)
    {
        string? workspaceId = request.Headers[WorkspaceHeader];
        if (string.IsNullOrEmpty(workspaceId))
        {
            return simulator.Options.IdentityLinkedKey
                ? (ApiResponse.Error(400, "invalid_request_error", WorkspaceRequiredMessage, requestId), null)
                : (null, simulator.DefaultWorkspace);
        }

        if (!WorkspaceIds.IsValid(workspaceId))
        {
            return (ApiResponse.Error(400, "invalid_request_error", MalformedWorkspaceMessage, requestId), null);
        }

        return simulator.FindWorkspace(workspaceId) is { } workspace
            ? (null, workspace)
            : (ApiResponse.Error(404, "not_found_error", $"Workspace `{workspaceId}` not found.", requestId), null);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        string? apiKey = request.Headers["x-api-key"];
        if (!string.IsNullOrEmpty(apiKey))
        {
            return apiKey;
        }

        string? authorization = request.Headers.Authorization;
        return authorization is not null && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? authorization[BearerPrefix.Length..].Trim()
            : null;
    }

    private static bool KeyMatches(string? presented, string expected) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
