using System.Text.Json;
using BatchExporter.Dashboards.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BatchExporter.Dashboards.Tests.EndToEnd;

/// <summary>
/// Issue 4, point 4: the dashboard's queries, the alerts and the recording rules against a real Prometheus scraping
/// the real exporter, which polls the simulator (see <see cref="MonitoringStackFixture"/>).
/// </summary>
public sealed class MonitoringStackTests(MonitoringStackFixture stack, ITestOutputHelper output) : IClassFixture<MonitoringStackFixture>
{
    private static readonly TimeSpan TestBudget = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task DashboardQueries_WithVariablesSubstituted_EachReturnSeries()
    {
        output.WriteLine(stack.Timeline);
        using var cts = new CancellationTokenSource(TestBudget);
        var queries = GrafanaDashboard.Load().Queries.ToList();
        Assert.NotEmpty(queries);
        var empty = new List<string>();
        foreach (var (panel, refId, expr) in queries)
        {
            var promql = GrafanaDashboard.Substitute(expr);
            Assert.DoesNotContain("$", promql, StringComparison.Ordinal);

            // A query may need a few more scrapes (a rate over a counter that just appeared): retry briefly.
            var result = default(JsonElement);
            var found = await Eventually.TrueAsync(async () =>
            {
                result = await stack.Prometheus.QueryAsync(promql, cts.Token);
                return result.GetArrayLength() > 0;
            }, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), cancellationToken: cts.Token);
            output.WriteLine($"{(found ? "ok   " : "EMPTY")} {panel} [{refId}] {result}");
            if (!found)
            {
                empty.Add($"{panel} [{refId}]: {promql}");
            }
        }

        Assert.True(empty.Count == 0, $"Dashboard queries with no series:\n{string.Join('\n', empty)}\n{stack.Diagnostics}");
    }

    /// <summary>Each chained variable (cluster, namespace, job, workspace), with the ones before it substituted, lists the scenario's value.</summary>
    [Theory]
    [InlineData("cluster", PrometheusServer.Cluster)]
    [InlineData("namespace", PrometheusServer.Namespace)]
    [InlineData("job", PrometheusServer.Job)]
    [InlineData("workspace", "default")]
    public async Task Variable_LabelValues_ListsTheScenarioValue(string name, string expected)
    {
        using var cts = new CancellationTokenSource(TestBudget);
        var definition = GrafanaDashboard.Load().Variable(name).GetProperty("definition").GetString()!;
        var match = System.Text.RegularExpressions.Regex.Match(GrafanaDashboard.Substitute(definition), @"^label_values\((.+), (\w+)\)$");
        Assert.True(match.Success, definition);
        Assert.Equal(name, match.Groups[2].Value);

        var values = await stack.Prometheus.ApiAsync($"label/{name}/values?match[]={Uri.EscapeDataString(match.Groups[1].Value)}", cts.Token);

        Assert.Contains(expected, values.EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Alerts_ExpectedByTheScenario_AreFiring()
    {
        output.WriteLine(stack.Timeline);
        using var cts = new CancellationTokenSource(TestBudget);
        var firing = await stack.Prometheus.FiringAlertsAsync(cts.Token);
        foreach (var alert in firing)
        {
            output.WriteLine(alert.ToString());
        }

        var names = firing.Select(a => a.GetProperty("alertname").GetString()).ToHashSet();
        foreach (var expected in MonitoringStackFixture.ExpectedAlerts)
        {
            Assert.True(names.Contains(expected), $"{expected} is not firing; firing: [{string.Join(", ", names)}]\n{stack.Diagnostics}");
        }

        // Every other alert of the rules stays quiet: nothing in the scenario is down, stale, rejected, overflowing, or
        // long enough for a `for` of 15 minutes or more.
        var all = (await RulesAsync(cts.Token)).Where(r => r.GetProperty("type").GetString() == "alerting").Select(r => r.GetProperty("name").GetString()!).ToList();
        Assert.Equal(11, all.Count);
        Assert.Equal([], names.Except(MonitoringStackFixture.ExpectedAlerts).Order());

        // One errored alert per batch of the scenario, naming it (each ended with about 40 errored requests of 400).
        var errored = firing.Where(a => a.GetProperty("alertname").GetString() == "AnthropicBatchRequestsErrored").Select(a => a.GetProperty("batch_id").GetString()!).ToList();
        Assert.Equal(errored.Count, errored.Distinct().Count());
        Assert.Empty(stack.MixedBatches.Except(errored));

        // The expiring batch is named, and an HA-style aggregation leaves exactly the labels the rule keeps.
        var expiring = firing.First(a => a.GetProperty("alertname").GetString() == "AnthropicBatchExpiringSoon"); // the demo workload has a few
        Assert.StartsWith("msgbatch_", expiring.GetProperty("batch_id").GetString(), StringComparison.Ordinal);
        Assert.Equal("default", expiring.GetProperty("workspace").GetString());
        Assert.Equal(PrometheusServer.Cluster, expiring.GetProperty("cluster").GetString());
        Assert.Equal(PrometheusServer.Namespace, expiring.GetProperty("namespace").GetString());
        Assert.Equal(PrometheusServer.Job, expiring.GetProperty("job").GetString());
        Assert.False(expiring.TryGetProperty("instance", out _), "alerts must aggregate replicas away (no instance label)");
    }

    /// <summary>A handful of queries whose values the scenario fixes, checked against the simulator's own answers.</summary>
    [Fact]
    public async Task Queries_ScenarioValues_MatchTheApi()
    {
        using var cts = new CancellationTokenSource(TestBudget);
        async Task<double> Value(string promql)
        {
            var result = await stack.Prometheus.QueryAsync(promql, cts.Token);
            Assert.True(result.GetArrayLength() == 1, $"{promql}: {result}");
            return double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var id in stack.MixedBatches)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{stack.SimulatorUrl}/v1/messages/batches/{id}");
            request.Headers.Add("x-api-key", MonitoringStackFixture.ApiKeyOfSimulator);
            request.Headers.Add("anthropic-version", "2023-06-01");
            using var response = await stack.Http.SendAsync(request, cts.Token);
            using var batch = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));
            var counts = batch.RootElement.GetProperty("request_counts");
            foreach (var result in new[] { "succeeded", "errored", "canceled", "expired" })
            {
                Assert.Equal(counts.GetProperty(result).GetDouble(), await Value($"max(anthropic_batch_ended_requests{{batch_id=\"{id}\", result=\"{result}\"}})"));
            }

            Assert.Equal(400, await Value($"max(anthropic_batch_request_count{{batch_id=\"{id}\"}})"));
            Assert.Equal(1, await Value($"max(anthropic_batch_status{{batch_id=\"{id}\", processing_status=\"ended\"}})"));
            Assert.Equal(
                batch.RootElement.GetProperty("ended_at").GetDateTimeOffset().ToUnixTimeMilliseconds() / 1000.0,
                await Value($"max(anthropic_batch_ended_timestamp_seconds{{batch_id=\"{id}\"}})"),
                precision: 3);
        }

        Assert.Equal(1, await Value("sum(anthropic_batch_exporter_api_requests_total{code=\"429\"})")); // the one 429 queued
        Assert.Equal(1, await Value("min(anthropic_up)"));
        Assert.Equal(0, await Value("sum(anthropic_batch_exporter_batch_series_overflow)"));
        Assert.Equal(1, await Value("count(anthropic_batch_exporter_build_info)"));
    }

    [Fact]
    public async Task Rules_AfterEvaluation_ReportNoErrors()
    {
        using var cts = new CancellationTokenSource(TestBudget);
        var rules = await RulesAsync(cts.Token);
        Assert.NotEmpty(rules);
        static string LastError(JsonElement rule) => rule.TryGetProperty("lastError", out var error) ? error.GetString() ?? string.Empty : string.Empty;
        var failures = rules
            .Where(r => r.GetProperty("health").GetString() != "ok" || LastError(r).Length > 0)
            .Select(r => $"{r.GetProperty("name").GetString()}: health {r.GetProperty("health").GetString()}, {LastError(r)}")
            .ToList();
        Assert.True(failures.Count == 0, $"Rules with evaluation errors:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public async Task Rules_EveryAlert_HasSeveritySummaryDescriptionAndRunbook()
    {
        using var cts = new CancellationTokenSource(TestBudget);
        var alerts = (await RulesAsync(cts.Token)).Where(r => r.GetProperty("type").GetString() == "alerting").ToList();
        Assert.NotEmpty(alerts);
        foreach (var alert in alerts)
        {
            var name = alert.GetProperty("name").GetString()!;
            Assert.Matches("^Anthropic(Batch|BatchExporter)[A-Z][A-Za-z]+$", name);
            var severity = alert.GetProperty("labels").GetProperty("severity").GetString();
            Assert.True(severity is "warning" or "critical", $"{name}: severity {severity}");
            var annotations = alert.GetProperty("annotations");
            foreach (var key in new[] { "summary", "description", "runbook_url" })
            {
                Assert.True(annotations.TryGetProperty(key, out var value) && value.GetString() is { Length: > 0 }, $"{name}: no {key}");
            }

            Assert.Equal(RulesText.RunbookUrl(name), annotations.GetProperty("runbook_url").GetString());
        }
    }

    private async Task<List<JsonElement>> RulesAsync(CancellationToken cancellationToken)
    {
        var data = await stack.Prometheus.ApiAsync("rules", cancellationToken);
        return [.. data.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray())];
    }
}
