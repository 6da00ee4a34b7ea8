using System.Text.Json;
using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Json;

/// <summary>Writes batches and list pages in the API's field order, without reflection.</summary>
internal static class BatchJson
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText MessageBatch = JsonEncodedText.Encode("message_batch");
    private static readonly JsonEncodedText ProcessingStatus = JsonEncodedText.Encode("processing_status");
    private static readonly JsonEncodedText RequestCounts = JsonEncodedText.Encode("request_counts");
    private static readonly JsonEncodedText Processing = JsonEncodedText.Encode("processing");
    private static readonly JsonEncodedText Succeeded = JsonEncodedText.Encode("succeeded");
    private static readonly JsonEncodedText Errored = JsonEncodedText.Encode("errored");
    private static readonly JsonEncodedText Canceled = JsonEncodedText.Encode("canceled");
    private static readonly JsonEncodedText Expired = JsonEncodedText.Encode("expired");
    private static readonly JsonEncodedText EndedAt = JsonEncodedText.Encode("ended_at");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("created_at");
    private static readonly JsonEncodedText ExpiresAt = JsonEncodedText.Encode("expires_at");
    private static readonly JsonEncodedText CancelInitiatedAt = JsonEncodedText.Encode("cancel_initiated_at");
    private static readonly JsonEncodedText ArchivedAt = JsonEncodedText.Encode("archived_at");
    private static readonly JsonEncodedText ResultsUrl = JsonEncodedText.Encode("results_url");
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText HasMore = JsonEncodedText.Encode("has_more");
    private static readonly JsonEncodedText FirstId = JsonEncodedText.Encode("first_id");
    private static readonly JsonEncodedText LastId = JsonEncodedText.Encode("last_id");

    /// <summary>A list page. Under a pagination-loop fault, <c>has_more</c> is true and <c>last_id</c> is
    /// <paramref name="cursor"/> (when the request had one).</summary>
    public static void WritePage(Utf8JsonWriter writer, BatchPage page, string? cursor, ResponseShape shape, TimestampFormatter timestamps)
    {
        writer.WriteStartObject();
        writer.WriteStartArray(Data);
        foreach (var batch in page.Data)
        {
            WriteBatch(writer, batch, shape, timestamps);
        }

        writer.WriteEndArray();
        var data = page.Data;
        var lastId = data.Count == 0 ? null : data[^1].Id;
        writer.WriteBoolean(HasMore, page.HasMore || shape.PaginationLoop);
        WriteNullableString(writer, FirstId, data.Count == 0 ? null : data[0].Id);
        WriteNullableString(writer, LastId, shape.PaginationLoop ? cursor ?? lastId : lastId);
        if (shape.ExtraFields)
        {
            ExtraFieldsJson.Write(writer);
        }

        writer.WriteEndObject();
    }

    public static void WriteBatch(Utf8JsonWriter writer, BatchView batch, ResponseShape shape, TimestampFormatter timestamps)
    {
        writer.WriteStartObject();
        writer.WriteString(Id, batch.Id);
        writer.WriteString(Type, MessageBatch);
        writer.WriteString(ProcessingStatus, shape.StatusOverride ?? batch.ProcessingStatus);
        writer.WriteStartObject(RequestCounts);
        writer.WriteNumber(Processing, batch.Counts.Processing);
        writer.WriteNumber(Succeeded, batch.Counts.Succeeded);
        writer.WriteNumber(Errored, batch.Counts.Errored);
        writer.WriteNumber(Canceled, batch.Counts.Canceled);
        writer.WriteNumber(Expired, batch.Counts.Expired);
        if (shape.ExtraFields)
        {
            ExtraFieldsJson.Write(writer);
        }

        writer.WriteEndObject();
        timestamps.Write(writer, EndedAt, batch.EndedAt);
        timestamps.Write(writer, CreatedAt, batch.CreatedAt);
        timestamps.Write(writer, ExpiresAt, batch.ExpiresAt);
        timestamps.Write(writer, CancelInitiatedAt, batch.CancelInitiatedAt);
        timestamps.Write(writer, ArchivedAt, batch.ArchivedAt);
        WriteNullableString(writer, ResultsUrl, batch.ResultsUrl);
        if (shape.ExtraFields)
        {
            ExtraFieldsJson.Write(writer);
        }

        writer.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
