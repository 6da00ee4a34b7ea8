using BatchApi.Simulator.Hosting;
using BatchApi.Simulator.State;
using BatchExporter.Hosting;
using BatchExporter.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BatchExporter.Tests.Infrastructure;

/// <summary>
/// The real exporter host (Kestrel on loopback) polling the simulator over real HTTP, both on one fake clock.
/// The scheduler's loop runs as in production; a test moves time forward to make the next sync happen.
/// </summary>
internal sealed class ExporterHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMinutes(1);

    private ExporterHarness(FakeTimeProvider time, SimulatorServer server, WebApplication app, HttpClient http, CapturingLoggerProvider logs)
    {
        Time = time;
        Server = server;
        App = app;
        Http = http;
        Logs = logs;
    }

    /// <summary>Gets the configured poll interval (one minute unless a test sets <c>Exporter:PollInterval</c>).</summary>
    public TimeSpan PollInterval => App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BatchExporter.Options.ExporterOptions>>().Value.PollInterval;

    /// <summary>Gets every log line the exporter wrote, at every level, with exceptions (when started with <c>captureLogs</c>).</summary>
    public CapturingLoggerProvider Logs { get; }

    public FakeTimeProvider Time { get; }

    public SimulatorServer Server { get; private set; }

    public BatchSimulator Simulator => Server.Simulator;

    public SimulatedWorkspace Workspace => Simulator.DefaultWorkspace;

    public WebApplication App { get; }

    /// <summary>Gets a client for the exporter's own endpoints.</summary>
    public HttpClient Http { get; }

    public SourceStatusStore Store => App.Services.GetRequiredService<SourceStatusStore>();

    public SourceStatus Status => Store.All.Single(s => s.Workspace == "default");

    /// <summary>Gets the list calls the simulator has answered so far.</summary>
    public int ListCalls => Simulator.Log.Count("list");

    /// <summary>Starts simulator and exporter; <paramref name="seed"/> fills the simulator before the first sync, which this waits for.</summary>
    public static async Task<ExporterHarness> StartAsync(
        Action<BatchSimulator, FakeTimeProvider>? seed = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        bool waitForFirstSync = true,
        SimulatorOptions? simulatorOptions = null,
        bool captureLogs = false)
    {
        var time = new FakeTimeProvider(Start);
        var simulator = new BatchSimulator(time, simulatorOptions ?? new SimulatorOptions { Seed = 7 });
        seed?.Invoke(simulator, time);
        var server = await SimulatorServer.StartAsync(simulator);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var logs = new CapturingLoggerProvider();
        if (captureLogs)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddFilter<CapturingLoggerProvider>(category: null, LogLevel.Trace); // over appsettings.json's filters
        }
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Exporter:Sources:0:Name"] = "default",
            ["Exporter:Sources:0:ApiKey"] = simulator.ApiKey,
            ["Exporter:Sources:0:BaseUrl"] = server.BaseUrl.ToString(),
            ["Exporter:PollInterval"] = DefaultPollInterval.ToString(),
            ["Exporter:MaxRequestsPerMinute"] = "100000",
        });
        if (settings is not null)
        {
            // "{simulator}" in a value stands for the simulator's base URL, "{key}" for its API key.
            builder.Configuration.AddInMemoryCollection(settings.ToDictionary(
                kv => kv.Key,
                kv => kv.Value?.Replace("{simulator}", server.BaseUrl.ToString(), StringComparison.Ordinal).Replace("{key}", simulator.ApiKey, StringComparison.Ordinal)));
        }

        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddBatchExporter(builder.Configuration);
        var app = builder.Build();
        app.MapExporterEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var harness = new ExporterHarness(time, server, app, new HttpClient { BaseAddress = new Uri(address) }, logs);
        if (waitForFirstSync)
        {
            await harness.WaitForAttemptsAsync(1);
        }

        return harness;
    }

    /// <summary>
    /// Moves the clock by <paramref name="by"/> (default one poll interval) and waits for the one sync that starts.
    /// Between two calls a test may move the clock by less than a poll interval on its own.
    /// </summary>
    public async Task SyncAsync(TimeSpan? by = null)
    {
        var before = App.Services.GetRequiredService<SyncScheduler>().Pollers[0].Cycles;
        Time.Advance(by ?? PollInterval);
        await WaitForAttemptsAsync(before + 1);
    }

    /// <summary>
    /// Like <see cref="SyncAsync"/>, for a sync that waits on the clock itself (retry backoff, retry-after, timeouts):
    /// while it runs, the clock moves by <paramref name="step"/> every few milliseconds, but never as far as the
    /// next poll (which would start another sync).
    /// </summary>
    public async Task SyncWhileTimePassesAsync(TimeSpan step)
    {
        var before = App.Services.GetRequiredService<SyncScheduler>().Pollers[0].Cycles;
        Time.Advance(PollInterval);
        var limit = Time.GetUtcNow() + PollInterval - step;
        await WaitForAttemptsAsync(before + 1, () =>
        {
            if (Time.GetUtcNow() + step < limit)
            {
                Time.Advance(step);
            }
        });
    }

    /// <summary>
    /// Waits until the poller has finished <paramref name="attempts"/> cycles (a sync and the results downloads after it).
    /// Without a <paramref name="nudge"/>, once the sync has waited about 100 ms of real time the clock creeps 1 ms at a
    /// time (at most one second in all), so requests paced by the budget (one every 0.6 ms at the harness's 100,000 a
    /// minute) can leave, yet no next poll starts.
    /// </summary>
    public async Task WaitForAttemptsAsync(long attempts, Action? nudge = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var poller = App.Services.GetRequiredService<SyncScheduler>().Pollers[0];
        var crept = TimeSpan.Zero;
        var idle = 0;
        nudge ??= () =>
        {
            // Only once the sync has stood still for a while (about 100 ms): a sync that needs no paced wait keeps
            // the clock exactly where the test put it.
            if (++idle > 20 && crept < TimeSpan.FromSeconds(1))
            {
                crept += TimeSpan.FromMilliseconds(1);
                Time.Advance(TimeSpan.FromMilliseconds(1));
            }
        };
        while (poller.Cycles < attempts)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"sync {attempts} did not finish; cycles so far: {poller.Cycles}");
            }

            await Task.Delay(5);
            nudge?.Invoke();
        }
    }

    /// <summary>Stops the simulator: the exporter's next calls are refused (a network failure).</summary>
    public ValueTask StopSimulatorAsync() => Server.DisposeAsync();

    /// <summary>Serves the same simulator again on the same port.</summary>
    public async Task RestartSimulatorAsync() =>
        Server = await SimulatorServer.StartAsync(Simulator, Server.BaseUrl.Port);

    public async Task<string> ScrapeAsync()
    {
        using var response = await Http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<Exposition> ScrapeParsedAsync() => Exposition.Parse(await ScrapeAsync());

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Server.DisposeAsync();
    }
}
