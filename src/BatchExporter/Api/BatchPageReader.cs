using System.Buffers;
using System.Text.Json;

namespace BatchExporter.Api;

/// <summary>
/// Reads a list page with a hand-written <see cref="Utf8JsonReader"/> pass straight into <see cref="ListedBatch"/>
/// values: no DTO objects, timestamps parsed in place, known statuses without a string allocation. It accepts
/// unknown fields and values, absent optional fields and 0 to 9 fraction digits, and throws
/// <see cref="JsonException"/> for missing or mistyped required fields and malformed or truncated JSON, so a bad
/// page stays a <c>bad_response</c>.
/// </summary>
internal static class BatchPageReader
{
    /// <summary>A 1000-batch page is about half a megabyte; anything near this is not a list page.</summary>
    private const int MaxPageBytes = 64 * 1024 * 1024;

    /// <summary>
    /// A private pool, not <see cref="ArrayPool{T}.Shared"/>: the shared pool caches an array per thread, and the
    /// continuations of a sync hop between thread-pool threads, so megabyte buffers would pile up one per thread.
    /// This one keeps at most a few buffers of each size (one per concurrently syncing source).
    /// </summary>
    private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(MaxPageBytes, 4);

    private const int Id = 1, Status = 2, Counts = 4, Created = 8, Expires = 16, Required = Id | Status | Counts | Created | Expires;

    /// <summary>Reads the whole response into a pooled buffer (one page, reused across pages), then parses it.</summary>
    public static async Task<ListedPage> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = Buffers.Rent(1024 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= MaxPageBytes)
                    {
                        throw new JsonException($"list response larger than {MaxPageBytes / (1024 * 1024)} MiB");
                    }

                    var larger = Buffers.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    Buffers.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return Parse(buffer.AsSpan(0, length));
        }
        finally
        {
            Buffers.Return(buffer);
        }
    }

    public static ListedPage Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            throw new JsonException("list response was JSON null");
        }

        Expect(ref reader, JsonTokenType.StartObject);
        List<ListedBatch>? data = null;
        var hasMore = false;
        string? lastId = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                Next(ref reader);
                Expect(ref reader, JsonTokenType.StartArray);
                data = new List<ListedBatch>(1000);
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    data.Add(ReadBatch(ref reader));
                }
            }
            else if (reader.ValueTextEquals("has_more"u8))
            {
                hasMore = Next(ref reader) switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => throw new JsonException("has_more is not a boolean"),
                };
            }
            else if (reader.ValueTextEquals("last_id"u8))
            {
                lastId = OptionalString(ref reader, "last_id");
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.Read())
        {
            throw new JsonException("data after the list page");
        }

        return new ListedPage(data ?? throw new JsonException("list page without the required property data"), hasMore, lastId);
    }

    private static ListedBatch ReadBatch(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var seen = 0;
        string id = string.Empty, status = string.Empty;
        int processing = 0, succeeded = 0, errored = 0, canceled = 0, expired = 0;
        long created = 0, expires = 0, ended = 0, cancelInitiated = 0;
        string? resultsUrl = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                Next(ref reader);
                Expect(ref reader, JsonTokenType.String);
                id = reader.GetString()!;
                seen |= Id;
            }
            else if (reader.ValueTextEquals("processing_status"u8))
            {
                Next(ref reader);
                Expect(ref reader, JsonTokenType.String);
                status = reader.ValueTextEquals("ended"u8) ? "ended"
                    : reader.ValueTextEquals("in_progress"u8) ? "in_progress"
                    : reader.ValueTextEquals("canceling"u8) ? "canceling"
                    : reader.GetString()!;
                seen |= Status;
            }
            else if (reader.ValueTextEquals("request_counts"u8))
            {
                Next(ref reader);
                Expect(ref reader, JsonTokenType.StartObject);
                while (Next(ref reader) != JsonTokenType.EndObject)
                {
                    if (reader.ValueTextEquals("processing"u8))
                    {
                        processing = Count(ref reader);
                    }
                    else if (reader.ValueTextEquals("succeeded"u8))
                    {
                        succeeded = Count(ref reader);
                    }
                    else if (reader.ValueTextEquals("errored"u8))
                    {
                        errored = Count(ref reader);
                    }
                    else if (reader.ValueTextEquals("canceled"u8))
                    {
                        canceled = Count(ref reader);
                    }
                    else if (reader.ValueTextEquals("expired"u8))
                    {
                        expired = Count(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                seen |= Counts;
            }
            else if (reader.ValueTextEquals("created_at"u8))
            {
                created = Timestamp(ref reader, required: true);
                seen |= Created;
            }
            else if (reader.ValueTextEquals("expires_at"u8))
            {
                expires = Timestamp(ref reader, required: true);
                seen |= Expires;
            }
            else if (reader.ValueTextEquals("ended_at"u8))
            {
                ended = Timestamp(ref reader, required: false);
            }
            else if (reader.ValueTextEquals("cancel_initiated_at"u8))
            {
                cancelInitiated = Timestamp(ref reader, required: false);
            }
            else if (reader.ValueTextEquals("results_url"u8))
            {
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.String)
                {
                    resultsUrl = reader.GetString();
                }
                else
                {
                    reader.Skip(); // null, or a shape this reader does not know: no URL to follow
                }
            }
            else if (reader.ValueTextEquals("archived_at"u8))
            {
                Timestamp(ref reader, required: false); // validated as before, not kept
            }
            else
            {
                reader.Skip();
            }
        }

        if (seen != Required)
        {
            throw new JsonException($"batch without the required properties {Missing(seen)}");
        }

        return new ListedBatch(id, status, processing, succeeded, errored, canceled, expired, created, expires, ended, cancelInitiated, resultsUrl);
    }

    private static int Count(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        Expect(ref reader, JsonTokenType.Number);
        return reader.TryGetInt64(out var value)
            ? (int)Math.Clamp(value, 0, int.MaxValue)
            : throw new JsonException("request count is not an integer");
    }

    private static long Timestamp(ref Utf8JsonReader reader, bool required)
    {
        if (Next(ref reader) == JsonTokenType.Null && !required)
        {
            return 0;
        }

        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            throw new JsonException("expected an RFC 3339 timestamp string");
        }

        return Rfc3339.TryParseUtcTicks(reader.ValueSpan, out var ticks) ? ticks : throw new JsonException("invalid RFC 3339 timestamp");
    }

    private static string? OptionalString(ref Utf8JsonReader reader, string name) => Next(ref reader) switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw new JsonException($"{name} is not a string"),
    };

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("list response ended early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"expected {type}, found {reader.TokenType}");
        }
    }

    private static string Missing(int seen) => string.Join(", ", new[]
    {
        (Id, "id"), (Status, "processing_status"), (Counts, "request_counts"), (Created, "created_at"), (Expires, "expires_at"),
    }.Where(f => (seen & f.Item1) == 0).Select(f => f.Item2));
}
