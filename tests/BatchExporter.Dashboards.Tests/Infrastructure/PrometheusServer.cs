using System.Globalization;
using System.Text.Json;

namespace BatchExporter.Dashboards.Tests.Infrastructure;

/// <summary>
/// A real Prometheus (the Debian package's binary) on a loopback port with its own temporary storage, scraping the
/// exporter and evaluating the project's rules every second (or at the interval a test asks for).
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>The cluster label the scrape gives the exporter's series (as a Prometheus Operator setup adds one).</summary>
    public const string Cluster = "e2e";

    /// <summary>The namespace label the scrape gives the exporter's series.</summary>
    public const string Namespace = "monitoring";

    /// <summary>The job name of the scrape.</summary>
    public const string Job = "anthropic-batch-exporter";

    private readonly ChildProcess _process;
    private readonly HttpClient _http;

    private PrometheusServer(ChildProcess process, HttpClient http, string baseUrl)
    {
        _process = process;
        _http = http;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public string Output => _process.Output;

    public static Task<PrometheusServer> StartAsync(string directory, string target, HttpClient http, CancellationToken cancellationToken) =>
        StartAsync(directory, [target], alertmanager: null, http, cancellationToken);

    /// <summary>
    /// Scrapes <paramref name="targets"/> as one job (replicas of one exporter) with the target labels <c>cluster</c> and
    /// <c>namespace</c>, and sends alerts to <paramref name="alertmanager"/> when given. Scrapes and evaluates every
    /// <paramref name="interval"/> (default one second).
    /// </summary>
    public static async Task<PrometheusServer> StartAsync(string directory, IReadOnlyList<string> targets, string? alertmanager, HttpClient http, CancellationToken cancellationToken, TimeSpan? interval = null)
    {
        var every = $"{(int)(interval ?? TimeSpan.FromSeconds(1)).TotalSeconds}s";
        var config = Path.Combine(directory, "prometheus.yml");
        var alerting = alertmanager is null ? string.Empty : $"""
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ['{alertmanager}']
            """;
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: {every}
              scrape_timeout: 1s
              evaluation_interval: {every}
            rule_files:
              - '{RepositoryPaths.Rules}'
            {alerting}
            scrape_configs:
              - job_name: {Job}
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
                    labels:
                      cluster: {Cluster}
                      namespace: {Namespace}
            """, cancellationToken);
        var port = LoopbackPort.Free();
        var baseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var process = ChildProcess.Start("prometheus", Tool.Prometheus,
        [
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            "--log.level=warn",
        ], directory);
        var server = new PrometheusServer(process, http, baseUrl);
        if (!await Eventually.TrueAsync(() => Eventually.IsOkAsync(http, baseUrl + "/-/ready", cancellationToken),
                TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(250), process, cancellationToken))
        {
            var output = process.Output;
            await server.DisposeAsync();
            throw new Xunit.Sdk.XunitException($"Prometheus did not become ready within 30 s:\n{output}");
        }

        return server;
    }

    /// <summary>GET /api/v1/{path}; fails the test unless Prometheus answers status success. Returns <c>data</c>.</summary>
    public async Task<JsonElement> ApiAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"{BaseUrl}/api/v1/{pathAndQuery}"), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            throw new Xunit.Sdk.XunitException($"Prometheus answered {(int)response.StatusCode} to /api/v1/{pathAndQuery}: {body}");
        }

        return root.GetProperty("data").Clone();
    }

    /// <summary>An instant query now; returns the result array (vector) or a one-element array (scalar).</summary>
    public async Task<JsonElement> QueryAsync(string promql, CancellationToken cancellationToken)
    {
        var data = await ApiAsync("query?query=" + Uri.EscapeDataString(promql), cancellationToken);
        return data.GetProperty("result");
    }

    /// <summary>The firing alerts' label sets.</summary>
    public async Task<IReadOnlyList<JsonElement>> FiringAlertsAsync(CancellationToken cancellationToken)
    {
        var data = await ApiAsync("alerts", cancellationToken);
        return [.. data.GetProperty("alerts").EnumerateArray()
            .Where(a => a.GetProperty("state").GetString() == "firing")
            .Select(a => a.GetProperty("labels"))];
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
