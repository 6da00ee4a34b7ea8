using System.Text.Json.Serialization;

namespace BatchExporter.Api;

/// <summary>
/// Source-generated (reflection-free, AOT-safe) JSON for the API's error body; unknown fields are skipped. List pages
/// have their own reader (<see cref="BatchPageReader"/>), results lines <see cref="ApiResultsJsonContext"/>.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ApiErrorEnvelope))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;

/// <summary>The API's error body: <c>{"type":"error","error":{"type":"…","message":"…"},"request_id":"…"}</c>.</summary>
internal sealed class ApiErrorEnvelope
{
    public ApiErrorDetail? Error { get; set; }

    public string? RequestId { get; set; }
}

internal sealed class ApiErrorDetail
{
    public string? Type { get; set; }

    public string? Message { get; set; }

    /// <summary>Gets or sets <c>error.error_code</c>, where some answers put the code.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>Gets or sets <c>error.details</c>: the spend cap's <c>{"error_code":"enforced_spend_limit_reached"}</c>.</summary>
    public ApiErrorDetails? Details { get; set; }

    /// <summary>Gets the error code wherever the answer carries it.</summary>
    public string? Code => Details?.ErrorCode ?? ErrorCode;
}

internal sealed class ApiErrorDetails
{
    public string? ErrorCode { get; set; }
}
