using BatchExporter.Api;
using BatchExporter.Sync;

namespace BatchExporter.Tests.Metrics.Golden;

/// <summary>The results insight counters (<c>ResultFamilies</c>), fed by hand-built results reports.</summary>
public sealed class ResultFamiliesGoldenTests
{
    [Fact]
    public async Task Scrape_ResultsRead_ErrorsByTypeTokensByModelAndKindSkipsByReason()
    {
        await using var scrape = CatalogueScrape.Start(o => o.Results.Enabled = true);
        scrape.Meter.OnSynced(new SyncReport("ws", SyncKind.Full, TimeSpan.FromSeconds(1), null, []));
        var tally = new ResultsTally();
        tally.Add(Line("errored", error: "invalid_request_error"));
        tally.Add(Line("errored", error: "invalid_request_error"));
        tally.Add(Line("errored", error: "a_type_from_the_future"));
        tally.Add(Line("succeeded", model: "claude-x", usage: new ResultUsage { InputTokens = 100, OutputTokens = 40, CacheReadInputTokens = 7 }));
        tally.Add(Line("succeeded", model: "claude-x", usage: new ResultUsage { InputTokens = 1, OutputTokens = 2 }));
        scrape.Meter.OnResults(new ResultsReport("ws", "b1", tally, null));
        scrape.Meter.OnResults(new ResultsReport("ws", "b2", null, "not_found"));
        var text = await scrape.ScrapeAsync();

        Assert.Equal(
            CatalogueScrape.Expected("""
                # TYPE anthropic_batch_result_errors_total counter
                # HELP anthropic_batch_result_errors_total Errored requests of the batches whose results were read, by the API error type in their result.
                anthropic_batch_result_errors_total{error_type="invalid_request_error",workspace="ws"} 2
                anthropic_batch_result_errors_total{error_type="authentication_error",workspace="ws"} 0
                anthropic_batch_result_errors_total{error_type="billing_error",workspace="ws"} 0
                anthropic_batch_result_errors_total{error_type="permission_error",workspace="ws"} 0
                anthropic_batch_result_errors_total{error_type="not_found_error",workspace="ws"} 0
                anthropic_batch_result_errors_total{error_type="request_too_large",workspace="ws"} 0
                anthropic_batch_result_errors_total{error_type="rate_limit_error",workspace="ws"} 0
                anthropic_batch_result_errors_total{error_type="api_error",workspace="ws"} 0
                anthropic_batch_result_errors_total{error_type="timeout_error",workspace="ws"} 0
                anthropic_batch_result_errors_total{error_type="overloaded_error",workspace="ws"} 0
                anthropic_batch_result_errors_total{error_type="a_type_from_the_future",workspace="ws"} 1
                """),
            CatalogueScrape.Family(text, "anthropic_batch_result_errors_total"));
        Assert.Equal(
            CatalogueScrape.Expected("""
                # TYPE anthropic_batch_tokens_total counter
                # HELP anthropic_batch_tokens_total Tokens of the succeeded requests of the batches whose results were read, by model and kind (input, output, cache_creation, cache_read).
                anthropic_batch_tokens_total{kind="input",model="claude-x",workspace="ws"} 101
                anthropic_batch_tokens_total{kind="output",model="claude-x",workspace="ws"} 42
                anthropic_batch_tokens_total{kind="cache_read",model="claude-x",workspace="ws"} 7
                """),
            CatalogueScrape.Family(text, "anthropic_batch_tokens_total"));
        Assert.Equal(
            CatalogueScrape.Expected("""
                # TYPE anthropic_batch_exporter_results_skipped_total counter
                # HELP anthropic_batch_exporter_results_skipped_total Batches whose results could not be read, by reason (not_found: archived or deleted; failed: gave up after 5 attempts; queue_full).
                anthropic_batch_exporter_results_skipped_total{reason="not_found",workspace="ws"} 1
                anthropic_batch_exporter_results_skipped_total{reason="failed",workspace="ws"} 0
                anthropic_batch_exporter_results_skipped_total{reason="queue_full",workspace="ws"} 0
                """),
            CatalogueScrape.Family(text, "anthropic_batch_exporter_results_skipped_total"));
    }

    [Fact]
    public async Task Scrape_ResultsInsightOff_NoResultFamilies()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Meter.OnSynced(new SyncReport("ws", SyncKind.Full, TimeSpan.FromSeconds(1), null, []));
        var text = await scrape.ScrapeAsync();

        Assert.DoesNotContain("anthropic_batch_result_errors_total", text, StringComparison.Ordinal);
        Assert.DoesNotContain("anthropic_batch_tokens_total", text, StringComparison.Ordinal);
        Assert.DoesNotContain("anthropic_batch_exporter_results_skipped_total", text, StringComparison.Ordinal);
    }

    private static ResultLine Line(string type, string? error = null, string? model = null, ResultUsage? usage = null) => new()
    {
        Result = new ResultBody
        {
            Type = type,
            Error = error is null ? null : new ResultError { Type = "error", Error = new ResultError { Type = error } },
            Message = model is null ? null : new ResultMessage { Model = model, Usage = usage },
        },
    };
}
