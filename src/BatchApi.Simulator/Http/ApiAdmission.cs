using System.Security.Cryptography;
using System.Text;
using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Http;

/// <summary>
/// The checks every API request passes before its endpoint runs: the key (<c>x-api-key</c>, or
/// <c>Authorization: Bearer</c> as the official SDKs send it), a non-empty <c>anthropic-version</c>, and the workspace
/// named by <c>anthropic-workspace-id</c> (default workspace when absent; 403 when unknown).
/// </summary>
internal static class ApiAdmission
{
    public const string WorkspaceHeader = "anthropic-workspace-id";
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

        string? workspaceId = request.Headers[WorkspaceHeader];
        var workspace = string.IsNullOrEmpty(workspaceId) ? simulator.DefaultWorkspace : simulator.FindWorkspace(workspaceId);
        return workspace is null
            ? (ApiResponse.Error(403, "permission_error", $"This API key has no access to workspace {workspaceId}.", requestId), null)
            : (null, workspace);
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
