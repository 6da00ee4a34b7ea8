using System.Text.Json.Serialization;

namespace BatchExporter.Api;

/// <summary>Source-generated (reflection-free, AOT-safe) JSON for the API's snake_case shapes; unknown fields are skipped.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(Rfc3339TimestampConverter), typeof(NullableRfc3339TimestampConverter)])]
[JsonSerializable(typeof(BatchPage))]
[JsonSerializable(typeof(MessageBatch))]
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
}
