using System.Diagnostics;
using System.Globalization;
using System.Text;
using BatchExporter.Dashboards.Tests.Infrastructure;

namespace BatchExporter.Dashboards.Tests.EndToEnd;

/// <summary>
/// The whole monitoring path, for real, on loopback: the simulator (its own process, with its demo workload: one batch
/// 45 min from expiry, one canceling, new batches every few seconds), the exporter (its own process, polling every 5 s,
/// with results insight on, so it downloads the results of every batch it sees end) and a Prometheus scraping the
/// exporter every second with the project's rules loaded. Once Prometheus holds the exporter's counters at their
/// starting values, a few batches are created that end within seconds (with errored and expired requests, and one with
/// none; the simulator's results files give the errored ones the types invalid_request_error, api_error and
/// overloaded_error, and the succeeded ones a model and token usage), and one 429 answer is queued. Everything is
/// killed on dispose, whatever happened.
/// </summary>
public sealed class MonitoringStackFixture : IAsyncLifetime
{
    /// <summary>The alerts the scenario must fire.</summary>
    public static readonly string[] ExpectedAlerts =
    [
        "AnthropicBatchRequestsErrored", "AnthropicBatchRequestsExpired", "AnthropicBatchExpiringSoon",
        "AnthropicBatchInvalidRequestsSurge",
    ];

    private const string ApiKey = "sk-ant-sim-dashboards-e2e";
    private static readonly TimeSpan SetupBudget = TimeSpan.FromSeconds(150);

    private readonly string _directory = Directory.CreateTempSubdirectory("batch-exporter-e2e-").FullName;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly StringBuilder _timeline = new();
    private ChildProcess? _simulator;
    private ChildProcess? _exporter;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Gets the three batches created with errored and expired requests (400 each).</summary>
    public List<string> MixedBatches { get; } = [];

    /// <summary>Gets the simulator's base URL (its API and control endpoints).</summary>
    public string SimulatorUrl { get; private set; } = string.Empty;

    public static string ApiKeyOfSimulator => ApiKey;

    internal PrometheusServer Prometheus { get; private set; } = null!;

    /// <summary>Gets when each step finished, for the test output.</summary>
    public string Timeline => _timeline.ToString();

    /// <summary>Gets the output of every process, for failure messages.</summary>
    public string Diagnostics =>
        string.Join(Environment.NewLine, _simulator?.Output, _exporter?.Output, Prometheus?.Output);

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(SetupBudget);
        try
        {
            await StartAsync(cts.Token);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        if (_exporter is not null)
        {
            await _exporter.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        Http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process that is going away; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>Whether every expected alert is firing now.</summary>
    public async Task<bool> ExpectedAlertsFiringAsync(CancellationToken cancellationToken)
    {
        var firing = (await Prometheus.FiringAlertsAsync(cancellationToken))
            .Select(a => a.GetProperty("alertname").GetString())
            .ToHashSet();
        return ExpectedAlerts.All(firing.Contains);
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var simulatorPort = Port();
        var simulatorUrl = $"http://127.0.0.1:{simulatorPort}";
        SimulatorUrl = simulatorUrl;
        _simulator = ChildProcess.Start("simulator", Tool.Dotnet,
            [RepositoryPaths.SimulatorDll, "--port", simulatorPort, "--api-key", ApiKey, "--history", "200", "--seed", "11"],
            _directory);
        await ReadyAsync(_simulator, simulatorUrl + "/_sim", TimeSpan.FromSeconds(30), cancellationToken);
        Mark("simulator ready");

        var exporterAddress = $"127.0.0.1:{Port()}";
        _exporter = ChildProcess.Start("exporter", Tool.Dotnet,
            [RepositoryPaths.ExporterDll, "--urls", $"http://{exporterAddress}"],
            _directory,
            new Dictionary<string, string?>
            {
                ["Exporter__Sources__0__Name"] = "default",
                ["Exporter__Sources__0__ApiKey"] = ApiKey,
                ["Exporter__Sources__0__BaseUrl"] = simulatorUrl,
                ["Exporter__PollInterval"] = "5s",
                ["Exporter__MaxRequestsPerMinute"] = "600",
                ["Exporter__Results__Enabled"] = "true",
                ["Logging__LogLevel__Default"] = "Warning",
            });
        await ReadyAsync(_exporter, $"http://{exporterAddress}/synced", TimeSpan.FromSeconds(60), cancellationToken);
        Mark("exporter ready (first sync done)");

        Prometheus = await PrometheusServer.StartAsync(_directory, exporterAddress, Http, cancellationToken);
        Mark("prometheus ready");

        // The counters must be in Prometheus at their starting values before the batches end, or increase() has
        // nothing to compare with.
        if (!await Eventually.TrueAsync(
                async () => (await Prometheus.QueryAsync("anthropic_batch_request_results_total", cancellationToken)).GetArrayLength() > 0,
                TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500), cancellationToken: cancellationToken))
        {
            var targets = await Prometheus.ApiAsync("targets", cancellationToken);
            throw new Xunit.Sdk.XunitException($"Prometheus has not scraped the exporter within 30 s. Targets: {targets}\n{Diagnostics}");
        }

        Mark("first scrape stored");

        // About 120 errored requests, half of them invalid_request_error in the results: AnthropicBatchInvalidRequestsSurge.
        for (var i = 0; i < 3; i++)
        {
            MixedBatches.Add(await PostAsync($"{simulatorUrl}/_sim/batches?requests=400&duration=3&errored=0.1&expired=0.05", cancellationToken));
        }

        // A clean one too, so that every reason of the duration histogram the dashboard shows (completed) exists.
        await PostAsync($"{simulatorUrl}/_sim/batches?requests=300&duration=3", cancellationToken);
        await PostAsync($"{simulatorUrl}/_sim/faults?kind=rate_limited&count=1&retry_after=1", cancellationToken);
        Mark("batches with errored, expired and only succeeded requests created, one 429 queued");

        // Waits for the alerts here (bounded), so that every test then sees the stack with data; the tests assert.
        var firing = await Eventually.TrueAsync(() => ExpectedAlertsFiringAsync(cancellationToken),
            TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1), cancellationToken: cancellationToken);
        Mark(firing ? "expected alerts firing" : "expected alerts NOT firing after 90 s");

        // Recording rules over 1 h windows and the 429 rate need a couple of evaluations after the data arrives.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
    }

    private async Task ReadyAsync(ChildProcess process, string url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await Eventually.TrueAsync(() => Eventually.IsOkAsync(Http, url, cancellationToken), timeout,
                TimeSpan.FromMilliseconds(250), process, cancellationToken))
        {
            throw new Xunit.Sdk.XunitException($"{url} did not answer 200 within {timeout} (exited: {process.HasExited}):\n{process.Output}");
        }
    }

    /// <summary>POSTs to a control endpoint; returns the id in its answer, when there is one.</summary>
    private async Task<string> PostAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsync(new Uri(url), content: null, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"POST {url}: {(int)response.StatusCode} {body}");
        using var document = System.Text.Json.JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("id", out var id) ? id.GetString()! : string.Empty;
    }

    private void Mark(string step) =>
        _timeline.AppendLine(CultureInfo.InvariantCulture, $"{_clock.Elapsed.TotalSeconds,6:F1} s  {step}");

    private static string Port() => LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);
}
