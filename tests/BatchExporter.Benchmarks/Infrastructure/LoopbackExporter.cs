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

namespace BatchExporter.Benchmarks.Infrastructure;

/// <summary>
/// The real exporter host (Kestrel on loopback) polling the in-process simulator over real HTTP, both on one fake
/// clock, as the integration tests' harness does: moving the clock by a poll interval makes the next sync happen.
/// </summary>
internal sealed class LoopbackExporter : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    private LoopbackExporter(FakeTimeProvider time, SimulatorServer server, WebApplication app, HttpClient http)
    {
        Time = time;
        Server = server;
        App = app;
        Http = http;
    }

    public FakeTimeProvider Time { get; }

    public SimulatorServer Server { get; }

    public BatchSimulator Simulator => Server.Simulator;

    public SimulatedWorkspace Workspace => Simulator.DefaultWorkspace;

    public WebApplication App { get; }

    /// <summary>Gets a client for the exporter's own endpoints.</summary>
    public HttpClient Http { get; }

    public SourceStatus Status => App.Services.GetRequiredService<SourceStatusStore>().All.Single();

    public static TimeSpan PollInterval => TimeSpan.FromMinutes(1);

    /// <summary>Starts simulator and exporter; <paramref name="seed"/> fills the simulator before the first sync, which this waits for.</summary>
    public static async Task<LoopbackExporter> StartAsync(Action<SimulatedWorkspace, FakeTimeProvider>? seed, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var time = new FakeTimeProvider(Start);
        var simulator = new BatchSimulator(time, new SimulatorOptions { Seed = 7 });
        seed?.Invoke(simulator.DefaultWorkspace, time);
        var server = await SimulatorServer.StartAsync(simulator);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Exporter:Sources:0:Name"] = "default",
            ["Exporter:Sources:0:ApiKey"] = simulator.ApiKey,
            ["Exporter:Sources:0:BaseUrl"] = server.BaseUrl.ToString(),
            ["Exporter:PollInterval"] = PollInterval.ToString(),
            ["Exporter:MaxRequestsPerMinute"] = "100000",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddBatchExporter(builder.Configuration);
        var app = builder.Build();
        app.MapExporterEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var exporter = new LoopbackExporter(time, server, app, new HttpClient { BaseAddress = new Uri(address) });
        await exporter.WaitForAttemptsAsync(1);
        return exporter;
    }

    /// <summary>Moves the clock by one poll interval and waits for the sync that starts.</summary>
    public async Task SyncAsync()
    {
        var before = Status.Attempts;
        Time.Advance(PollInterval);
        await WaitForAttemptsAsync(before + 1);
    }

    /// <summary>
    /// Waits for the sync to finish. Once it has stood still for about 20 ms, the clock creeps 1 ms at a time (at most
    /// 10 s in all, far from the next poll), so requests paced by the budget (one every 0.6 ms at the 100,000 a minute
    /// set here; a first sync of 1M batches makes 1,000) can leave.
    /// </summary>
    public async Task WaitForAttemptsAsync(long attempts)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        var crept = TimeSpan.Zero;
        var idle = 0;
        while (App.Services.GetRequiredService<SourceStatusStore>().All.Count == 0 || Status.Attempts < attempts)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"sync {attempts} did not finish");
            }

            await Task.Delay(1);
            if (++idle > 20 && crept < TimeSpan.FromSeconds(10))
            {
                crept += TimeSpan.FromMilliseconds(1);
                Time.Advance(TimeSpan.FromMilliseconds(1));
            }
        }

        if (!Status.Up)
        {
            throw new InvalidOperationException($"sync failed: {Status.LastFailure} {Status.LastFailureMessage}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Server.DisposeAsync();
    }
}
