using System.Text;
using System.Text.Json;
using BatchExporter.Api;

namespace BatchExporter.Tests.Api;

/// <summary>
/// The hand-written page reader: it accepts what the API may add or leave out (unknown fields and statuses, absent
/// optional fields, any number of fraction digits) and rejects a page whose required fields are missing or mistyped, or
/// whose JSON is malformed or truncated.
/// </summary>
public sealed class BatchPageReaderTests
{
    [Fact]
    public void Parse_OptionalFieldsMissingAndUnknownFieldsPresent_Reads()
    {
        var page = BatchPageReader.Parse("""
            {"data":[{"id":"msgbatch_1","type":"message_batch","processing_status":"paused",
              "request_counts":{"processing":3,"succeeded":0,"errored":0,"canceled":0,"expired":0,"future":9},
              "created_at":"2026-11-01T10:00:00Z","expires_at":"2026-11-02T10:00:00.123456789Z","shiny":{"a":[1,2]},
              "ended_at":null,"archived_at":null}],
             "has_more":true,"first_id":"msgbatch_1","last_id":"msgbatch_1","extra":[true,{"x":null}]}
            """u8);

        var batch = Assert.Single(page.Data);
        Assert.True(page.HasMore);
        Assert.Equal("msgbatch_1", page.LastId);
        Assert.Equal("paused", batch.ProcessingStatus);
        Assert.Equal(3, batch.Processing);
        Assert.Equal(0, batch.EndedAtTicks);
        Assert.Equal(0, batch.CancelInitiatedAtTicks);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero).UtcTicks, batch.CreatedAtTicks);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567).UtcTicks, batch.ExpiresAtTicks);
    }

    [Theory]
    [InlineData("""{"data":[{"processing_status":"ended","request_counts":{},"created_at":"2026-11-01T10:00:00Z","expires_at":"2026-11-02T10:00:00Z"}],"has_more":false}""")]
    [InlineData("""{"data":[{"id":"a","processing_status":"ended","request_counts":{},"created_at":"yesterday","expires_at":"2026-11-02T10:00:00Z"}],"has_more":false}""")]
    [InlineData("""{"data":[{"id":"a","processing_status":"ended","created_at":"2026-11-01T10:00:00Z","expires_at":"2026-11-02T10:00:00Z"}],"has_more":false}""")]
    [InlineData("""{"data":[{"id":"a","processing_status":"ended","request_counts":{"processing":"1"},"created_at":"2026-11-01T10:00:00Z","expires_at":"2026-11-02T10:00:00Z"}],"has_more":false}""")]
    [InlineData("""{"data":[{"id":"a","processing_status":"ended","request_counts":{},"created_at":null,"expires_at":"2026-11-02T10:00:00Z"}],"has_more":false}""")]
    [InlineData("""{"data":[{"id":"a","processing_status":"ended","request_counts":{},"created_at":"2026-11-01T10:00:00Z","expires_at":"2026-11-02T10:00:00Z"}],"has_more":false""")]
    [InlineData("""{"data":[{"id":"a","processing_status":"ended","request_counts":{},"created_at":"2026-11-01T10:00:00Z","expires_at":"2026-11-02T10:00:00Z"}],"has_more":"no"}""")]
    [InlineData("""{"has_more":false}""")]
    [InlineData("""null""")]
    [InlineData("""[]""")]
    [InlineData("")]
    public void Parse_RequiredFieldMissingOrInvalidOrTruncated_Throws(string json) =>
        Assert.ThrowsAny<JsonException>(() => BatchPageReader.Parse(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public async Task ReadAsync_PageLargerThanTheFirstBuffer_ReadsEveryBatch()
    {
        var batches = string.Join(',', Enumerable.Range(0, 5000).Select(i =>
            $$"""{"id":"msgbatch_{{i}}","processing_status":"in_progress","request_counts":{"processing":{{i}}},"created_at":"2026-11-01T10:00:00.5Z","expires_at":"2026-11-02T10:00:00Z","padding":"{{new string('x', 200)}}"}"""));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes($$"""{"data":[{{batches}}],"has_more":false}"""));

        var page = await BatchPageReader.ReadAsync(stream, CancellationToken.None);

        Assert.Equal(5000, page.Data.Count);
        Assert.Equal(4999, page.Data[^1].Processing);
        Assert.False(page.HasMore);
    }
}
