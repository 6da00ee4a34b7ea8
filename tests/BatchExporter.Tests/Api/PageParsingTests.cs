using System.Text.Json;
using BatchApi.Simulator;
using BatchExporter.Api;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Api;

public sealed class PageParsingTests
{
    [Fact]
    public void Deserialize_OptionalFieldsMissingAndUnknownFieldsPresent_Reads()
    {
        const string json = """
            {"data":[{"id":"msgbatch_1","type":"message_batch","processing_status":"in_progress",
              "request_counts":{"processing":3,"succeeded":0,"errored":0,"canceled":0,"expired":0,"future":9},
              "created_at":"2026-11-01T10:00:00Z","expires_at":"2026-11-02T10:00:00.123456789Z","shiny":{"a":[1,2]}}],
             "has_more":false,"first_id":"msgbatch_1","last_id":"msgbatch_1","extra":true}
            """;
        var page = JsonSerializer.Deserialize(json, ApiJsonContext.Default.BatchPage)!;

        var batch = Assert.Single(page.Data);
        Assert.Null(batch.EndedAt);
        Assert.Null(batch.CancelInitiatedAt);
        Assert.Equal(3, batch.RequestCounts.Total);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), batch.ExpiresAt);
    }

    [Theory]
    [InlineData("""{"data":[{"processing_status":"ended","request_counts":{},"created_at":"2026-11-01T10:00:00Z","expires_at":"2026-11-02T10:00:00Z"}],"has_more":false}""")]
    [InlineData("""{"data":[{"id":"a","processing_status":"ended","request_counts":{},"created_at":"yesterday","expires_at":"2026-11-02T10:00:00Z"}],"has_more":false}""")]
    [InlineData("""{"has_more":false}""")]
    public void Deserialize_RequiredFieldMissingOrInvalid_Throws(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, ApiJsonContext.Default.BatchPage));

    [Fact]
    public async Task Sync_TimestampsWithZeroToNineFractionDigits_ParsedExactlyOverHttp()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, time) =>
            {
                for (var i = 0; i < 30; i++)
                {
                    sim.DefaultWorkspace.CreateBatch(1, BatchPlan.NeverFinishes);
                    time.Advance(TimeSpan.FromTicks(1_234_567));
                }
            },
            simulatorOptions: new SimulatorOptions { Seed = 5, TimestampFractionDigits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] });

        Assert.True(h.Status.Up, h.Status.LastFailureMessage);
        var expected = h.Workspace.List().ToDictionary(b => b.Id);
        Assert.Equal(30, h.Status.Ledger.Active.Count);
        foreach (var active in h.Status.Ledger.Active)
        {
            // Each timestamp arrives with as many digits as the simulator chose for it: at most 1 s off, and exact
            // to the tick wherever 7 or more digits were sent.
            var b = expected[active.Id];
            Assert.InRange((b.CreatedAt - active.CreatedAt).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
            Assert.InRange((b.ExpiresAt - active.ExpiresAt).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
        }

        Assert.Contains(h.Status.Ledger.Active, a => a.CreatedAt == expected[a.Id].CreatedAt);
    }
}
