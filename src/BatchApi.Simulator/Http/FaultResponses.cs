using System.Globalization;
using BatchApi.Simulator.Faults;

namespace BatchApi.Simulator.Http;

/// <summary>The responses that replace the endpoint's own: error statuses and non-JSON bodies.</summary>
internal static class FaultResponses
{
    private const string NotJson = "<html><body><h1>502 Bad Gateway</h1></body></html>";

    /// <summary>The replacement for <paramref name="fault"/>, or null when the endpoint should answer.</summary>
    public static ApiResponse? Replacement(SimulatedFault? fault, string requestId, DateTimeOffset now) => fault?.Kind switch
    {
        SimulatedFaultKind.Error => ApiResponse.Error(fault.StatusCode, fault.ErrorType!, Message(fault, now), requestId, fault.RetryAfterHeader, fault.ErrorCode),
        SimulatedFaultKind.Malformed => ApiResponse.Text(200, NotJson, "application/json"),
        SimulatedFaultKind.Hang => ApiResponse.Text(200, string.Empty, "application/json"),
        _ => null,
    };

    private static string Message(SimulatedFault fault, DateTimeOffset now) => fault.StatusCode switch
    {
        429 when fault.ErrorCode == SimulatedFault.SpendLimitErrorCode =>
            "You have reached your API usage limits: your organization has crossed its monthly API usage threshold, set based on "
            + "your organization's API tier. You will regain access on " + NextMonth(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " at 00:00 UTC.",
        429 => "Number of requests has exceeded your rate limit (simulated).",
        402 => "Your credit balance is too low to access the Anthropic API (simulated).",
        413 => "Request exceeds the maximum allowed number of bytes (simulated).",
        504 => "Request timed out (simulated).",
        529 => "Overloaded (simulated).",
        _ => "Internal server error (simulated).",
    };

    private static DateTimeOffset NextMonth(DateTimeOffset now) => new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
}
