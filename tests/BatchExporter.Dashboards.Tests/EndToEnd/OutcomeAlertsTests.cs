using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using BatchExporter.Dashboards.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BatchExporter.Dashboards.Tests.EndToEnd;

/// <summary>
/// Outcome alerts survive restarts, name the batch, and reach Alertmanager, for real on loopback: the simulator, two
/// exporter replicas (an HA pair, separate processes, stopped with SIGTERM and started again), a Prometheus scraping
/// both with the shipped rules, the shipped Alertmanager configuration (receivers pointed at a webhook in this test,
/// group_wait shortened) and that webhook.
/// </summary>
public sealed class OutcomeAlertsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string ApiKey = "sk-ant-sim-outcome-alerts";
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(4);

    private readonly string _directory = Directory.CreateTempSubdirectory("batch-exporter-outcomes-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<ChildProcess> _processes = [];
    private readonly List<(TimeSpan At, DateTimeOffset ReceivedAt, JsonElement Body)> _notifications = [];
    private HttpListener? _webhook;
    private string _simulatorUrl = string.Empty;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        _webhook?.Close();
        _http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process that is going away.
        }
    }

    [Fact]
    public async Task BatchesEndWhileBothReplicasAreStopped_AfterRestartOneAlertPerBatchAndOneNotification()
    {
        using var cts = new CancellationTokenSource(Budget);
        var ct = cts.Token;
        var simulator = Start("simulator", [RepositoryPaths.SimulatorDll, "--port", Port(out var simulatorPort), "--api-key", ApiKey, "--history", "20", "--seed", "5"]);
        _simulatorUrl = $"http://127.0.0.1:{simulatorPort}";
        await ReadyAsync(simulator, _simulatorUrl + "/_sim", ct);

        // (c) ended an hour and a half before any exporter starts: outside the 1 h window, never alerted on.
        var old = await CreateBatchAsync("requests=50&duration=1800&errored=0.5&age=7200", ct);

        var webhookUrl = StartWebhook();
        var alertmanager = await StartAlertmanagerAsync(webhookUrl, ct);
        string[] replicas = [$"127.0.0.1:{Port(out _)}", $"127.0.0.1:{Port(out _)}"];
        await using var prometheus = await PrometheusServer.StartAsync(_directory, replicas, alertmanager, _http, ct);
        var a = await StartExporterAsync(replicas[0], ct);
        var b = await StartExporterAsync(replicas[1], ct);
        await WaitAsync("both replicas scraped", async () => (await prometheus.QueryAsync("anthropic_up == 1", ct)).GetArrayLength() == 2, ct);

        // Both replicas stop (a deploy, a node drain); two batches end while nothing is watching.
        await StopAsync(a);
        await StopAsync(b);
        Mark("both replicas stopped");
        var errored = await CreateBatchAsync("requests=100&duration=1&errored=0.07", ct);
        var expired = await CreateBatchAsync("requests=40&duration=1&expired=1", ct);
        await WaitAsync("both batches ended", async () => await StatusAsync(errored, ct) == "ended" && await StatusAsync(expired, ct) == "ended", ct);
        var endedAt = _clock.Elapsed;

        // (a) A new process: its first sync serves the ended batches, and both alerts fire naming them.
        a = await StartExporterAsync(replicas[0], ct);
        await WaitAsync("errored and expired alerts firing", async () =>
            await FiringAsync(prometheus, "AnthropicBatchRequestsErrored", errored, ct) == 1 && await FiringAsync(prometheus, "AnthropicBatchRequestsExpired", expired, ct) == 1, ct);
        var alerts = await prometheus.ApiAsync("alerts", ct);
        var erroredAlert = alerts.GetProperty("alerts").EnumerateArray().Single(x => Label(x, "alertname") == "AnthropicBatchRequestsErrored" && Label(x, "batch_id") == errored);
        Assert.Equal(
            $"Batch {errored} in workspace default ended with 7 errored requests of 100 at ",
            erroredAlert.GetProperty("annotations").GetProperty("description").GetString()![..$"Batch {errored} in workspace default ended with 7 errored requests of 100 at ".Length]);
        Assert.Equal("default", Label(erroredAlert, "workspace"));

        // (b) The other replica comes back, then the first restarts again: still one alert per batch, never two.
        b = await StartExporterAsync(replicas[1], ct);
        await WaitAsync("both replicas scraped again", async () => (await prometheus.QueryAsync("anthropic_up == 1", ct)).GetArrayLength() == 2, ct);
        await StopAsync(a);
        a = await StartExporterAsync(replicas[0], ct);
        await WaitAsync("both replicas up after the restart", async () => (await prometheus.QueryAsync("anthropic_up == 1", ct)).GetArrayLength() == 2, ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct); // a few rule evaluations with both replicas' series
        // Only the test's two batches: the simulator's own demo workload ends a batch with errored requests about 30 s
        // after it starts, which fires an alert of its own when the test runs slowly.
        var perBatch = await prometheus.QueryAsync($"count by (alertname, batch_id) (ALERTS{{alertstate=\"firing\", alertname=~\"AnthropicBatchRequests(Errored|Expired)\", batch_id=~\"{errored}|{expired}\"}})", ct);
        Assert.Equal(
            [$"AnthropicBatchRequestsErrored {errored} 1", $"AnthropicBatchRequestsExpired {expired} 1"],
            perBatch.EnumerateArray().Select(r => $"{Label(r, "alertname", "metric")} {Label(r, "batch_id", "metric")} {r.GetProperty("value")[1].GetString()}").Order());

        // (c) The batch that ended 1.5 h before the processes started has no series and no alert.
        Assert.Equal(0, (await prometheus.QueryAsync($"anthropic_batch_ended_requests{{batch_id=\"{old}\"}}", ct)).GetArrayLength());
        Assert.Equal(0, (await prometheus.QueryAsync($"ALERTS{{batch_id=\"{old}\"}}", ct)).GetArrayLength());

        // Alertmanager: exactly one notification for the errored batch (HA pair, restarts), with what the person paged needs.
        await WaitAsync("webhook notified", () => Task.FromResult(Notifications("AnthropicBatchRequestsErrored", errored).Count > 0), ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct); // a second notification, if any, would come within group_wait
        var notification = Assert.Single(Notifications("AnthropicBatchRequestsErrored", errored));
        var alert = Assert.Single(notification.Body.GetProperty("alerts").EnumerateArray());
        Assert.Equal("firing", alert.GetProperty("status").GetString());
        Assert.Equal(errored, Label(alert, "batch_id"));
        Assert.Equal("default", Label(alert, "workspace"));
        Assert.Equal("warning", Label(alert, "severity"));
        var annotations = alert.GetProperty("annotations");
        Assert.Equal($"Message Batch {errored} ended with errored requests.", annotations.GetProperty("summary").GetString());
        Assert.StartsWith($"Batch {errored} in workspace default ended with 7 errored requests of 100 at ", annotations.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(RulesText.RunbookUrl("AnthropicBatchRequestsErrored"), annotations.GetProperty("runbook_url").GetString());
        Assert.Equal(
            $"{RulesText.DashboardPath}?var-cluster={PrometheusServer.Cluster}&var-namespace={PrometheusServer.Namespace}&var-job={PrometheusServer.Job}&var-workspace=default",
            annotations.GetProperty("dashboard_url").GetString());
        Assert.Equal(PrometheusServer.Cluster, Label(alert, "cluster"));
        Assert.Equal(PrometheusServer.Namespace, Label(alert, "namespace"));
        Assert.Single(Notifications("AnthropicBatchRequestsExpired", expired));
        output.WriteLine($"batches ended → webhook notified: {(notification.At - endedAt).TotalSeconds:F1} s (poll 5 s, scrape and evaluation 1 s, group_wait 1 s, one replica restarting)");
        output.WriteLine(_timeline.ToString());
    }

    /// <summary>
    /// The delay users get, from a batch's <c>ended_at</c> to the webhook, with the defaults: the exporter's 1 min poll,
    /// scrapes and rule evaluations every 30 s (the Prometheus Operator's defaults, which the chart's ServiceMonitor
    /// keeps), and the shipped Alertmanager configuration as it is (group_wait 30 s). The batch ends just after a sync,
    /// the poll's worst phase, so the figure printed is close to the worst case: at most 60 + 30 + 30 + 30 s plus the
    /// moments each step takes; the test waits up to four minutes for the notification.
    /// </summary>
    [Fact]
    public async Task ErroredBatch_DefaultIntervals_WebhookNotifiedWithinTheirSum()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var ct = cts.Token;
        var simulator = Start("simulator", [RepositoryPaths.SimulatorDll, "--port", Port(out var simulatorPort), "--api-key", ApiKey, "--history", "0", "--seed", "5"]);
        _simulatorUrl = $"http://127.0.0.1:{simulatorPort}";
        await ReadyAsync(simulator, _simulatorUrl + "/_sim", ct);
        var webhookUrl = StartWebhook();
        var alertmanager = await StartAlertmanagerAsync(webhookUrl, ct, groupWait: "30s");
        var replica = $"127.0.0.1:{Port(out _)}";
        await using var prometheus = await PrometheusServer.StartAsync(_directory, [replica], alertmanager, _http, ct, interval: TimeSpan.FromSeconds(30));
        await StartExporterAsync(replica, ct, pollInterval: null);

        var errored = await CreateBatchAsync("requests=100&duration=1&errored=0.07", ct);
        await WaitAsync("the batch ended", async () => await StatusAsync(errored, ct) == "ended", ct);
        var endedAt = await EndedAtAsync(errored, ct);
        if (!await Eventually.TrueAsync(() => Task.FromResult(Notifications("AnthropicBatchRequestsErrored", errored).Count > 0), TimeSpan.FromMinutes(4), TimeSpan.FromMilliseconds(200), cancellationToken: ct))
        {
            throw new Xunit.Sdk.XunitException($"no notification within 4 min of the batch's end\n{_timeline}\n{Diagnostics}");
        }

        var notified = Notifications("AnthropicBatchRequestsErrored", errored)[0].ReceivedAt;
        var delay = notified - endedAt;
        Assert.True(delay > TimeSpan.Zero, $"notified at {notified:O}, before the batch ended at {endedAt:O}");
        output.WriteLine($"batch ended_at → webhook notified: {delay.TotalSeconds:F1} s (defaults: poll 1 min, scrape and evaluation 30 s, group_wait 30 s; the batch ended just after a sync)");
    }

    private readonly StringBuilder _timeline = new();

    private void Mark(string step) => _timeline.AppendLine(CultureInfo.InvariantCulture, $"{_clock.Elapsed.TotalSeconds,6:F1} s  {step}");

    private List<(TimeSpan At, DateTimeOffset ReceivedAt, JsonElement Body)> Notifications(string alertname, string batchId)
    {
        lock (_notifications)
        {
            return [.. _notifications.Where(n => n.Body.GetProperty("alerts").EnumerateArray().Any(x => Label(x, "alertname") == alertname && Label(x, "batch_id") == batchId))];
        }
    }

    private static string? Label(JsonElement element, string name, string property = "labels") =>
        element.GetProperty(property).TryGetProperty(name, out var value) ? value.GetString() : null;

    private static async Task<int> FiringAsync(PrometheusServer prometheus, string alertname, string batchId, CancellationToken ct) =>
        (await prometheus.FiringAlertsAsync(ct)).Count(l => l.GetProperty("alertname").GetString() == alertname
            && l.TryGetProperty("batch_id", out var id) && id.GetString() == batchId);

    private string StartWebhook()
    {
        var port = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);
        var prefix = $"http://127.0.0.1:{port}/";
        _webhook = new HttpListener();
        _webhook.Prefixes.Add(prefix);
        _webhook.Start();
        _ = Task.Run(async () =>
        {
            while (_webhook.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _webhook.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using (var reader = new StreamReader(context.Request.InputStream))
                {
                    var body = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone();
                    lock (_notifications)
                    {
                        _notifications.Add((_clock.Elapsed, DateTimeOffset.UtcNow, body));
                    }
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });
        return prefix;
    }

    /// <summary>The shipped example configuration, its receivers pointed at the webhook and group_wait set to <paramref name="groupWait"/> (shortened by default).</summary>
    private async Task<string> StartAlertmanagerAsync(string webhookUrl, CancellationToken ct, string groupWait = "1s")
    {
        var shipped = await File.ReadAllTextAsync(RepositoryPaths.AlertmanagerConfig, ct);
        Assert.Contains("group_wait: 30s", shipped, StringComparison.Ordinal);
        var config = Path.Combine(_directory, "alertmanager.yml");
        await File.WriteAllTextAsync(config, shipped
            .Replace("http://alert-receiver.monitoring.svc:8080/", webhookUrl, StringComparison.Ordinal)
            .Replace("group_wait: 30s", $"group_wait: {groupWait}", StringComparison.Ordinal), ct);
        var check = await Tool.RunAsync(Tool.Amtool, ["check-config", config], timeout: TimeSpan.FromSeconds(30), workingDirectory: _directory);
        Assert.True(check.ExitCode == 0, check.Output);
        var address = $"127.0.0.1:{Port(out _)}";
        var process = Start("alertmanager", [$"--config.file={config}", $"--storage.path={Path.Combine(_directory, "am")}", $"--web.listen-address={address}", "--cluster.listen-address=", "--log.level=warn"], Tool.Alertmanager);
        await ReadyAsync(process, $"http://{address}/-/ready", ct);
        return address;
    }

    /// <summary>Starts a replica polling every <paramref name="pollInterval"/> (null: the default, one minute) and waits for its first sync.</summary>
    private async Task<ChildProcess> StartExporterAsync(string address, CancellationToken ct, string? pollInterval = "00:00:05")
    {
        var environment = new Dictionary<string, string?>
        {
            ["Exporter__Sources__0__Name"] = "default",
            ["Exporter__Sources__0__ApiKey"] = ApiKey,
            ["Exporter__Sources__0__BaseUrl"] = _simulatorUrl,
            ["Exporter__MaxRequestsPerMinute"] = "600",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (pollInterval is not null)
        {
            environment["Exporter__PollInterval"] = pollInterval;
        }

        var exporter = Start("exporter " + address, [RepositoryPaths.ExporterDll, "--urls", $"http://{address}"], environment: environment);
        await ReadyAsync(exporter, $"http://{address}/synced", ct);
        Mark($"exporter {address} ready");
        return exporter;
    }

    /// <summary>Stops a replica as Kubernetes does (SIGTERM) and waits for it to exit.</summary>
    private static async Task StopAsync(ChildProcess process)
    {
        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }

    private ChildProcess Start(string name, IEnumerable<string> args, string? fileName = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var process = ChildProcess.Start(name, fileName ?? Tool.Dotnet, args, _directory, environment);
        _processes.Add(process);
        return process;
    }

    private async Task<string> CreateBatchAsync(string query, CancellationToken ct)
    {
        using var response = await _http.PostAsync(new Uri($"{_simulatorUrl}/_sim/batches?{query}"), content: null, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<string?> StatusAsync(string id, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{_simulatorUrl}/v1/messages/batches/{id}");
        request.Headers.Add("x-api-key", ApiKey);
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await _http.SendAsync(request, ct);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("processing_status").GetString();
    }

    private async Task<DateTimeOffset> EndedAtAsync(string id, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{_simulatorUrl}/v1/messages/batches/{id}");
        request.Headers.Add("x-api-key", ApiKey);
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await _http.SendAsync(request, ct);
        var endedAt = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("ended_at").GetString()!;
        return DateTimeOffset.Parse(endedAt, CultureInfo.InvariantCulture);
    }

    private async Task ReadyAsync(ChildProcess process, string url, CancellationToken ct)
    {
        if (!await Eventually.TrueAsync(() => Eventually.IsOkAsync(_http, url, ct), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250), process, ct))
        {
            throw new Xunit.Sdk.XunitException($"{url} did not answer 200 within 60 s:\n{Diagnostics}");
        }
    }

    private async Task WaitAsync(string what, Func<Task<bool>> condition, CancellationToken ct)
    {
        if (!await Eventually.TrueAsync(condition, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500), cancellationToken: ct))
        {
            throw new Xunit.Sdk.XunitException($"not within 60 s: {what}\n{_timeline}\n{Diagnostics}");
        }

        Mark(what);
    }

    private string Diagnostics => string.Join(Environment.NewLine, _processes.Select(p => p.Output));

    private static string Port(out string port)
    {
        port = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);
        return port;
    }
}
