using System.Globalization;
using BatchApi.Simulator.Faults;

namespace BatchApi.Simulator.Control;

/// <summary>
/// Reads a fault from a control query: <c>kind</c> (rate_limited, server_error, overloaded, error, slow, hang,
/// truncated, malformed, pagination_loop, unknown_status, extra_fields, billing_error, request_too_large,
/// timeout_error, spend_limit, unknown_result_type), <c>count</c> (default 1), <c>endpoint</c>
/// (list, retrieve, results), <c>retry_after</c> and <c>delay</c> in seconds, <c>status</c> (HTTP status for
/// <c>error</c>, processing_status for <c>unknown_status</c>) and <c>type</c> (error type for <c>error</c>, result type for <c>unknown_result_type</c>).
/// </summary>
internal static class FaultQuery
{
    public static (SimulatedFault Fault, int Count, string? Endpoint) Parse(IQueryCollection query)
    {
        var count = (int)Number(query, "count", 1);
        string? endpoint = query["endpoint"];
        string? kind = query["kind"];
        SimulatedFault fault = kind switch
        {
            "rate_limited" => SimulatedFault.RateLimited(TimeSpan.FromSeconds(Number(query, "retry_after", 1))),
            "server_error" => SimulatedFault.ServerError(),
            "overloaded" => SimulatedFault.Overloaded(),
            "error" => SimulatedFault.Error((int)Number(query, "status", 500), query["type"].ToString() is { Length: > 0 } t ? t : "api_error"),
            "slow" => SimulatedFault.Slow(TimeSpan.FromSeconds(Number(query, "delay", 5))),
            "hang" => SimulatedFault.Hang(),
            "truncated" => SimulatedFault.Truncated(),
            "malformed" => SimulatedFault.Malformed(),
            "pagination_loop" => SimulatedFault.PaginationLoop(),
            "unknown_status" => SimulatedFault.UnknownStatus(query["status"].ToString() is { Length: > 0 } s ? s : "paused"),
            "extra_fields" => SimulatedFault.ExtraFields(),
            "billing_error" => SimulatedFault.BillingError(),
            "request_too_large" => SimulatedFault.RequestTooLarge(),
            "timeout_error" => SimulatedFault.GatewayTimeout(),
            "spend_limit" => SimulatedFault.SpendLimitReached(),
            "unknown_result_type" => SimulatedFault.UnknownResultType(query["type"].ToString() is { Length: > 0 } r ? r : "rerouted"),
            _ => throw new ArgumentException($"Unknown fault kind '{kind}'."),
        };
        return (fault, count, string.IsNullOrEmpty(endpoint) ? null : endpoint);
    }

    /// <exception cref="ArgumentException">The value is not a number.</exception>
    public static double Number(IQueryCollection query, string name, double fallback)
    {
        string? text = query[name];
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"{name}: '{text}' is not a number.");
    }
}
