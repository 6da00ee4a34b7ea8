using System.Globalization;
using BatchApi.Simulator.Http;

namespace BatchApi.Simulator.Faults;

/// <summary>A misbehaviour of the simulated API, queued with <see cref="FaultInjector.Enqueue"/>.</summary>
public sealed record SimulatedFault
{
    private SimulatedFault(SimulatedFaultKind kind) => Kind = kind;

    public SimulatedFaultKind Kind { get; }

    /// <summary>HTTP status of an <see cref="SimulatedFaultKind.Error"/> fault.</summary>
    public int StatusCode { get; private init; } = 200;

    /// <summary>The <c>error.type</c> of an <see cref="SimulatedFaultKind.Error"/> fault.</summary>
    public string? ErrorType { get; private init; }

    /// <summary>The <c>error.details.error_code</c> of an <see cref="SimulatedFaultKind.Error"/> fault, if any.</summary>
    public string? ErrorCode { get; private init; }

    /// <summary>Value of the <c>retry-after</c> header (whole seconds, rounded up), if any.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>Delay of a <see cref="SimulatedFaultKind.Slow"/> fault.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>The <c>processing_status</c> of an <see cref="SimulatedFaultKind.UnknownStatus"/> fault, or the result
    /// <c>type</c> of an <see cref="SimulatedFaultKind.UnknownResultType"/> fault.</summary>
    public string? Status { get; private init; }

    /// <summary>429 <c>rate_limit_error</c> with <c>retry-after</c>.</summary>
    public static SimulatedFault RateLimited(TimeSpan retryAfter) => Error(429, "rate_limit_error", retryAfter);

    /// <summary>500 <c>api_error</c>.</summary>
    public static SimulatedFault ServerError() => Error(500, "api_error");

    /// <summary>529 <c>overloaded_error</c>.</summary>
    public static SimulatedFault Overloaded() => Error(529, "overloaded_error");

    /// <summary>402 <c>billing_error</c>: the organization cannot pay (a payment failed, credits ran out).</summary>
    public static SimulatedFault BillingError() => Error(402, "billing_error");

    /// <summary>413 <c>request_too_large</c>.</summary>
    public static SimulatedFault RequestTooLarge() => Error(413, "request_too_large");

    /// <summary>504 <c>timeout_error</c>: the request timed out inside the API.</summary>
    public static SimulatedFault GatewayTimeout() => Error(504, "timeout_error");

    /// <summary>
    /// The spend cap: 429 <c>rate_limit_error</c> with <c>error.details.error_code</c> =
    /// <c>enforced_spend_limit_reached</c> and no <c>retry-after</c> (usage resumes next month, not in seconds).
    /// </summary>
    public static SimulatedFault SpendLimitReached() => Error(429, "rate_limit_error") with { ErrorCode = SpendLimitErrorCode };

    /// <summary>Any API error, e.g. <c>Error(403, "permission_error")</c>.</summary>
    public static SimulatedFault Error(int statusCode, string errorType, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentException.ThrowIfNullOrWhiteSpace(errorType);
        if (retryAfter is { } delay)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, nameof(retryAfter));
        }

        return new(SimulatedFaultKind.Error) { StatusCode = statusCode, ErrorType = errorType, RetryAfter = retryAfter };
    }

    /// <summary>The normal response after <paramref name="delay"/> of real time (<c>Task.Delay</c>, not the
    /// simulator's <see cref="TimeProvider"/>, so that client timeouts can fire).</summary>
    public static SimulatedFault Slow(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(SimulatedFaultKind.Slow) { Delay = delay };
    }

    /// <summary>Never answers; the request ends when the client aborts it or the server stops.</summary>
    public static SimulatedFault Hang() => new(SimulatedFaultKind.Hang);

    /// <summary>200 with the body cut mid-JSON.</summary>
    public static SimulatedFault Truncated() => new(SimulatedFaultKind.Truncated);

    /// <summary>200 with a body that is not JSON.</summary>
    public static SimulatedFault Malformed() => new(SimulatedFaultKind.Malformed);

    /// <summary>A list response with <c>has_more: true</c> whose <c>last_id</c> repeats the request's cursor. Queue it
    /// with a large count (e.g. <see cref="int.MaxValue"/>) to loop forever.</summary>
    public static SimulatedFault PaginationLoop() => new(SimulatedFaultKind.PaginationLoop);

    /// <summary>Batches in the response carry <paramref name="status"/> as <c>processing_status</c>.</summary>
    public static SimulatedFault UnknownStatus(string status)
    {
        ArgumentException.ThrowIfNullOrEmpty(status);
        return new(SimulatedFaultKind.UnknownStatus) { Status = status };
    }

    /// <summary>Unknown fields added to the page, to every batch and to every <c>request_counts</c>.</summary>
    public static SimulatedFault ExtraFields() => new(SimulatedFaultKind.ExtraFields);

    /// <summary>Results only: every fifth line of the file (the 5th, 10th, …) has result <c>type</c> =
    /// <paramref name="type"/> and nothing else, as a result type added to the API after this client was written.</summary>
    public static SimulatedFault UnknownResultType(string type = "rerouted")
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        return new(SimulatedFaultKind.UnknownResultType) { Status = type };
    }

    /// <summary>The <c>error_code</c> of the spend-cap 429.</summary>
    public const string SpendLimitErrorCode = "enforced_spend_limit_reached";

    /// <summary>Whether this fault can shape a response of <paramref name="endpoint"/>.</summary>
    internal bool AppliesTo(string endpoint) => Kind switch
    {
        SimulatedFaultKind.PaginationLoop => endpoint == ApiEndpointNames.List,
        SimulatedFaultKind.UnknownStatus or SimulatedFaultKind.ExtraFields =>
            endpoint is ApiEndpointNames.List or ApiEndpointNames.Retrieve,
        SimulatedFaultKind.UnknownResultType => endpoint == ApiEndpointNames.Results,
        _ => true,
    };

    /// <summary>The <c>retry-after</c> header value: whole seconds, rounded up.</summary>
    internal string? RetryAfterHeader =>
        RetryAfter is { } delay ? ((long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture) : null;
}
