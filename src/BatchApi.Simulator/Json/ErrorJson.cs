using System.Text.Json;

namespace BatchApi.Simulator.Json;

/// <summary>
/// The API's error body: <c>{"type":"error","error":{"type":…,"message":…},"request_id":…}</c>, with
/// <c>error.details.error_code</c> when the error has a code (the spend cap's <c>enforced_spend_limit_reached</c>).
/// </summary>
internal static class ErrorJson
{
    public static void Write(Utf8JsonWriter writer, string errorType, string message, string requestId, string? errorCode = null)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "error");
        writer.WriteStartObject("error");
        writer.WriteString("type", errorType);
        writer.WriteString("message", message);
        if (errorCode is not null)
        {
            writer.WriteStartObject("details");
            writer.WriteString("error_code", errorCode);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteString("request_id", requestId);
        writer.WriteEndObject();
    }
}
