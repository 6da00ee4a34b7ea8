using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Json;

/// <summary>
/// The results file of an ended batch: one JSON line per request (custom_id <c>request-NNNNNN</c>, in a shuffled
/// order: the API does not keep request order), deterministic from the batch id, written as it is generated so its size never sits in memory. Succeeded
/// lines carry a model and token usage; errored lines an API error type. The lines agree exactly with the batch's
/// <c>request_counts</c>.
/// </summary>
internal static class ResultsJsonl
{
    private static readonly string[] Models = ["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", "claude-opus-4-1-20250805"];
    private static readonly string[] ErrorTypes = ["invalid_request_error", "invalid_request_error", "api_error", "overloaded_error"];

    /// <summary>With an unknown result type asked for, every this-many-th line (the 5th, 10th, …) carries it.</summary>
    public const int UnknownTypeEvery = 5;

    public static async Task WriteAsync(BatchView batch, int textLength, Stream body, bool stopHalfWay, CancellationToken cancellationToken, string? unknownType = null)
    {
        var seed = StableHash(batch.Id);
        var model = Models[seed % Models.Length];
        var text = textLength == 17 ? "Simulated answer." : new string('x', textLength);
        var kinds = ResultKinds(batch.Counts, seed);
        var lines = stopHalfWay ? kinds.Length / 2 : kinds.Length;

        // Requests come back in no particular order: line i answers request order[i].
        var order = new int[kinds.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new Random(seed ^ 0x5bd1e995).Shuffle(order);

        var pipe = PipeWriter.Create(body, new StreamPipeWriterOptions(leaveOpen: true));
        using var writer = new Utf8JsonWriter(pipe, new JsonWriterOptions { SkipValidation = true });
        for (var index = 0; index < lines; index++)
        {
            writer.WriteStartObject();
            writer.WriteString("custom_id", "request-" + order[index].ToString("D6", CultureInfo.InvariantCulture));
            writer.WriteStartObject("result");
            switch (unknownType is not null && index % UnknownTypeEvery == UnknownTypeEvery - 1 ? (byte)255 : kinds[index])
            {
                case 255:
                    writer.WriteString("type", unknownType);
                    break;
                case 0:
                    WriteSucceeded(writer, index, model, text);
                    break;
                case 1:
                    WriteErrored(writer, index);
                    break;
                case 2:
                    writer.WriteString("type", "canceled");
                    break;
                default:
                    writer.WriteString("type", "expired");
                    break;
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.Flush();
            writer.Reset();
            pipe.Write("\n"u8);
            if (pipe.UnflushedBytes >= 64 * 1024)
            {
                await pipe.FlushAsync(cancellationToken);
            }
        }

        await pipe.FlushAsync(cancellationToken);
        await pipe.CompleteAsync();
    }

    /// <summary>The result type of each line (0 succeeded, 1 errored, 2 canceled, 3 expired), shuffled.</summary>
    private static byte[] ResultKinds(RequestCountsView counts, int seed)
    {
        var kinds = new byte[counts.Total];
        var i = 0;
        foreach (var (kind, count) in new[] { (0, counts.Succeeded), (1, counts.Errored), (2, counts.Canceled), (3, counts.Expired) })
        {
            kinds.AsSpan(i, count).Fill((byte)kind);
            i += count;
        }

        new Random(seed).Shuffle(kinds);
        return kinds;
    }

    private static void WriteSucceeded(Utf8JsonWriter w, int index, string model, string text)
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
        w.WriteString("text", text);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("stop_reason", "end_turn");
        w.WriteNull("stop_sequence");
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", InputTokens(index));
        w.WriteNumber("output_tokens", OutputTokens(index));
        w.WriteNumber("cache_creation_input_tokens", CacheCreationTokens(index));
        w.WriteNumber("cache_read_input_tokens", CacheReadTokens(index));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteErrored(Utf8JsonWriter w, int index)
    {
        w.WriteString("type", "errored");
        w.WriteStartObject("error");
        w.WriteString("type", "error");
        w.WriteStartObject("error");
        w.WriteString("type", ErrorType(index));
        w.WriteString("message", "Simulated request error.");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The error type of the errored line at <paramref name="index"/>: tests compute expected tallies from these.</summary>
    public static string ErrorType(int index) => ErrorTypes[index % ErrorTypes.Length];

    public static int InputTokens(int index) => 100 + (index * 37 % 900);

    public static int OutputTokens(int index) => 20 + (index * 13 % 480);

    public static int CacheCreationTokens(int index) => index % 4 == 0 ? 50 : 0;

    public static int CacheReadTokens(int index) => index % 4 == 1 ? 200 : 0;

    public static string ModelOf(string batchId) => Models[StableHash(batchId) % Models.Length];

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
