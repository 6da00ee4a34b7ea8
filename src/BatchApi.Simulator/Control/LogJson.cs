using System.Text.Json;
using BatchApi.Simulator.Json;
using BatchApi.Simulator.Recording;

namespace BatchApi.Simulator.Control;

/// <summary>The request log as JSON for <c>GET /_sim/log</c>.</summary>
internal static class LogJson
{
    public static void Write(Utf8JsonWriter writer, IEnumerable<LoggedRequest> entries)
    {
        var timestamps = new TimestampFormatter([6]);
        writer.WriteStartArray();
        foreach (var entry in entries)
        {
            writer.WriteStartObject();
            timestamps.Write(writer, JsonEncodedText.Encode("time"), entry.Time);
            timestamps.Write(writer, JsonEncodedText.Encode("wall_time"), entry.WallTime);
            writer.WriteString("endpoint", entry.Endpoint);
            writer.WriteString("method", entry.Method);
            writer.WriteString("path", entry.Path);
            WriteMap(writer, "query", entry.Query);
            WriteMap(writer, "headers", entry.Headers);
            writer.WriteNumber("status_code", entry.StatusCode);
            writer.WriteString("workspace_id", entry.WorkspaceId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
