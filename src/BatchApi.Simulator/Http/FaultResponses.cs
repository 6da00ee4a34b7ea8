using BatchApi.Simulator.Faults;

namespace BatchApi.Simulator.Http;

/// <summary>The responses that replace the endpoint's own: error statuses and non-JSON bodies.</summary>
internal static class FaultResponses
{
    private const string NotJson = "<html><body><h1>502 Bad Gateway</h1></body></html>";

    /// <summary>The replacement for <paramref name="fault"/>, or null when the endpoint should answer.</summary>
    public static ApiResponse? Replacement(SimulatedFault? fault, string requestId) => fault?.Kind switch
    {
        SimulatedFaultKind.Error => ApiResponse.Error(fault.StatusCode, fault.ErrorType!, Message(fault.StatusCode), requestId, fault.RetryAfterHeader),
        SimulatedFaultKind.Malformed => ApiResponse.Text(200, NotJson, "application/json"),
        SimulatedFaultKind.Hang => ApiResponse.Text(200, string.Empty, "application/json"),
        _ => null,
    };

    private static string Message(int statusCode) => statusCode switch
    {
        429 => "Number of requests has exceeded your rate limit (simulated).",
        529 => "Overloaded (simulated).",
        _ => "Internal server error (simulated).",
    };
}
