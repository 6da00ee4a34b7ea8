using BatchApi.Simulator.Hosting;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using Microsoft.Extensions.Time.Testing;

namespace BatchExporter.Benchmarks.Infrastructure;

/// <summary>Real list pages, as the simulator serves them over HTTP.</summary>
internal static class SimulatorPages
{
    /// <summary>
    /// The first 1000-batch page of a workspace with 9,900 ended batches over 7 days and 100 running in the last
    /// 23 hours (the simulator's default 6 fraction digits), fetched over loopback.
    /// </summary>
    public static async Task<byte[]> FetchThousandAsync()
    {
        var time = new FakeTimeProvider(LoopbackExporter.Start);
        var simulator = new BatchSimulator(time, new SimulatorOptions { Seed = 7 });
        Scenarios.SeedHistory(simulator.DefaultWorkspace, 9_900, TimeSpan.FromDays(7));
        Scenarios.SeedInProgress(simulator.DefaultWorkspace, 100, TimeSpan.FromHours(23));
        await using var server = await SimulatorServer.StartAsync(simulator);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/messages/batches?limit=1000");
        request.Headers.Add("x-api-key", simulator.ApiKey);
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }
}
