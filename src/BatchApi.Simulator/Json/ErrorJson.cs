using System.Text.Json;

namespace BatchApi.Simulator.Json;

/// <summary>The API's error body: <c>{"type":"error","error":{"type":…,"message":…},"request_id":…}</c>.</summary>
internal static class ErrorJson
{
    public static void Write(Utf8JsonWriter writer, string errorType, string message, string requestId)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "error");
        writer.WriteStartObject("error");
        writer.WriteString("type", errorType);
        writer.WriteString("message", message);
        writer.WriteEndObject();
        writer.WriteString("request_id", requestId);
        writer.WriteEndObject();
    }
}
