using System.Net;
using System.Text.Json;
using BatchApi.Simulator.Hosting;
using BatchApi.Simulator.State;
using Microsoft.Extensions.Time.Testing;

namespace BatchApi.Simulator.Tests;

/// <summary>A simulator on a fake clock, served over loopback, with a client that sends valid headers.</summary>
internal sealed class SimulatorHost : IAsyncDisposable
{
    public const string Key = "sk-ant-test-key";
    public static readonly DateTimeOffset Start = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private SimulatorHost(FakeTimeProvider time, BatchSimulator simulator, SimulatorServer server)
    {
        Time = time;
        Simulator = simulator;
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeTimeProvider Time { get; }

    public BatchSimulator Simulator { get; }

    public SimulatorServer Server { get; }

    public HttpClient Http { get; }

    public SimulatedWorkspace Workspace => Simulator.DefaultWorkspace;

    public static async Task<SimulatorHost> StartAsync(SimulatorOptions? options = null)
    {
        var time = new FakeTimeProvider(Start);
        var simulator = new BatchSimulator(time, options ?? new SimulatorOptions { ApiKey = Key });
        var server = await SimulatorServer.StartAsync(simulator);
        return new SimulatorHost(time, simulator, server);
    }

    /// <summary>Creates <paramref name="count"/> batches one second apart; returns them newest first.</summary>
    public List<BatchView> CreateBatches(int count, SimulatedWorkspace? workspace = null)
    {
        var created = new List<BatchView>(count);
        for (var i = 0; i < count; i++)
        {
            created.Add((workspace ?? Workspace).CreateBatch(1 + i, new BatchPlan(TimeSpan.FromHours(1))));
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        created.Reverse();
        return created;
    }

    public Task<HttpResponseMessage> SendAsync(string pathAndQuery, Action<HttpRequestMessage>? configure = null,
        CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Add("x-api-key", Key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        configure?.Invoke(request);
        return Http.SendAsync(request, cancellationToken);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(string pathAndQuery, Action<HttpRequestMessage>? configure = null)
    {
        using var response = await SendAsync(pathAndQuery, configure);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
