using BatchApi.Simulator.Json;
using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Http;

/// <summary>An admitted API request: its workspace, request id and the body shaping chosen by a fault.</summary>
internal sealed record ApiCall(HttpContext Context, SimulatedWorkspace Workspace, string RequestId, ResponseShape Shape, TimestampFormatter Timestamps, int TextLength)
{
    public ApiResponse NotFound(string message) => ApiResponse.Error(404, "not_found_error", message, RequestId);

    public ApiResponse InvalidRequest(string message) => ApiResponse.Error(400, "invalid_request_error", message, RequestId);
}
