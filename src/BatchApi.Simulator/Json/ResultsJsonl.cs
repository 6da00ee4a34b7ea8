using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace BatchApi.Simulator;

/// <summary>
/// The results file of an ended batch: one JSON line per request, in the result types' order (succeeded, errored,
/// canceled, expired), deterministic from the batch id. Succeeded lines carry a model and token usage; errored lines
/// an API error type.
/// </summary>
internal static class ResultsJsonl
{
    private static readonly string[] Models = ["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", "claude-opus-4-1-20250805"];
    private static readonly string[] ErrorTypes = ["invalid_request_error", "invalid_request_error", "api_error"];

    public static ReadOnlyMemory<byte> Render(BatchView batch)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, batch.Size * 320));
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        var model = Models[StableHash(batch.Id) % Models.Length];
        var index = 0;
        void Lines(int count, Action<Utf8JsonWriter, int> writeResult)
        {
            for (var i = 0; i < count; i++, index++)
            {
                writer.WriteStartObject();
                writer.WriteString("custom_id", "request-" + index.ToString("D6", CultureInfo.InvariantCulture));
                writer.WriteStartObject("result");
                writeResult(writer, index);
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.Flush();
                buffer.Write("\n"u8);
                writer.Reset(buffer);
            }
        }

        Lines(batch.Counts.Succeeded, (w, i) => WriteSucceeded(w, i, model));
        Lines(batch.Counts.Errored, WriteErrored);
        Lines(batch.Counts.Canceled, static (w, _) => w.WriteString("type", "canceled"));
        Lines(batch.Counts.Expired, static (w, _) => w.WriteString("type", "expired"));
        return buffer.WrittenMemory;
    }

    private static void WriteSucceeded(Utf8JsonWriter w, int index, string model)
    {
        w.WriteString("type", "succeeded");
        w.WriteStartObject("message");
        w.WriteString("id", "msg_01" + index.ToString("D22", CultureInfo.InvariantCulture));
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", model);
        w.WriteStartArray("content");
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("text", "Simulated answer.");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("stop_reason", "end_turn");
        w.WriteNull("stop_sequence");
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", 100 + (index * 37 % 900));
        w.WriteNumber("output_tokens", 20 + (index * 13 % 480));
        w.WriteNumber("cache_creation_input_tokens", index % 4 == 0 ? 50 : 0);
        w.WriteNumber("cache_read_input_tokens", index % 4 == 1 ? 200 : 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteErrored(Utf8JsonWriter w, int index)
    {
        w.WriteString("type", "errored");
        w.WriteStartObject("error");
        w.WriteString("type", "error");
        w.WriteStartObject("error");
        w.WriteString("type", ErrorTypes[index % ErrorTypes.Length]);
        w.WriteString("message", "Simulated request error.");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static int StableHash(string value)
    {
        var hash = 0;
        foreach (var c in value)
        {
            hash = unchecked((hash * 31) + c) & int.MaxValue;
        }

        return hash;
    }
}
