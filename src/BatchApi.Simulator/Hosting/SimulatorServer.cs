using System.Net;
using BatchApi.Simulator.Control;
using BatchApi.Simulator.Http;
using BatchApi.Simulator.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BatchApi.Simulator.Hosting;

/// <summary>Serves a <see cref="BatchSimulator"/> over HTTP with Kestrel on 127.0.0.1.</summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private int _disposed;

    private SimulatorServer(WebApplication app, CancellationTokenSource stopping, BatchSimulator simulator, Uri baseUrl)
    {
        _app = app;
        _stopping = stopping;
        Simulator = simulator;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the API is served, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUrl { get; }

    public BatchSimulator Simulator { get; }

    /// <summary>Starts serving on 127.0.0.1:<paramref name="port"/> (0 = any free port).</summary>
    public static Task<SimulatorServer> StartAsync(BatchSimulator simulator, int port = 0, CancellationToken cancellationToken = default) =>
        StartAsync(simulator, port, configureLogging: null, cancellationToken);

    internal static async Task<SimulatorServer> StartAsync(BatchSimulator simulator, int port, Action<ILoggingBuilder>? configureLogging,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The simulator's endpoint is its own: the configuration of the process hosting it (the exporter's Kestrel
        // endpoints and URLs in --demo, say) must not apply to it.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        var stopping = new CancellationTokenSource();
        app.MapBatchesApi(new ApiPipeline(simulator, stopping.Token));
        app.MapSimulatorControl(simulator);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            stopping.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(address.TrimEnd('/'));
        simulator.UseServerBaseUrl(baseUrl);
        return new SimulatorServer(app, stopping, simulator, baseUrl);
    }

    /// <summary>Stops the server; hanging and slow responses are aborted. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
