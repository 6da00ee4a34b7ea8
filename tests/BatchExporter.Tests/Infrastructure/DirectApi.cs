using BatchApi.Simulator.Hosting;
using BatchApi.Simulator.State;
using BatchExporter.Api;
using BatchExporter.Options;
using Microsoft.Extensions.Time.Testing;

namespace BatchExporter.Tests.Infrastructure;

/// <summary>
/// The exporter's API client without the exporter host, for tests of one sync component (<c>BatchLister</c>,
/// <c>ResultsCollector</c>) over real loopback HTTP: <see cref="BatchApiClient"/> behind its own
/// <see cref="ApiAttemptHandler"/> (which adds the key), against the simulator on a fake clock, or against any base URL.
/// The resilience handler of the host is left out: each call is exactly one HTTP request, so a test can count them.
/// </summary>
internal sealed class DirectApi : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _http;

    private DirectApi(FakeTimeProvider time, BatchSimulator simulator, SimulatorServer server)
    {
        Time = time;
        Simulator = simulator;
        Server = server;
        _http = new HttpClient(new ApiAttemptHandler(time, new NoObserver()) { InnerHandler = new SocketsHttpHandler() });
        Client = new BatchApiClient(_http);
    }

    /// <summary>Gets the simulator's clock.</summary>
    public FakeTimeProvider Time { get; }

    public BatchSimulator Simulator { get; }

    public SimulatorServer Server { get; }

    public BatchApiClient Client { get; }

    public static async Task<DirectApi> StartAsync()
    {
        var time = new FakeTimeProvider(Start);
        var simulator = new BatchSimulator(time, new SimulatorOptions { Seed = 7 });
        return new DirectApi(time, simulator, await SimulatorServer.StartAsync(simulator));
    }

    /// <summary>
    /// A source named <c>default</c> with the simulator's key, at <paramref name="baseUrl"/> (the simulator's by default).
    /// Its budget runs on <paramref name="budgetTime"/>, the real clock unless a test moves it: a budget paces its requests
    /// (one every <c>60 s / maxRequestsPerMinute</c>), and on a clock that stands still a second request would wait forever.
    /// </summary>
    public ApiSource Source(int maxRequestsPerMinute = 1_000_000, Uri? baseUrl = null, TimeProvider? budgetTime = null) =>
        new(new SourceOptions { Name = "default", ApiKey = Simulator.ApiKey, BaseUrl = (baseUrl ?? Server.BaseUrl).ToString() }, maxRequestsPerMinute, budgetTime ?? TimeProvider.System);

    /// <summary>Creates a batch in the default workspace and ends it now with these counts; returns its id.</summary>
    public string EndedBatch(int succeeded, int errored = 0)
    {
        var id = Simulator.DefaultWorkspace.CreateBatch(succeeded + errored, BatchPlan.NeverFinishes).Id;
        Simulator.DefaultWorkspace.EndNow(id, succeeded, errored);
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Server.DisposeAsync();
    }

    private sealed class NoObserver : IApiObserver
    {
        public void OnAttempt(ApiAttempt attempt)
        {
        }
    }
}
