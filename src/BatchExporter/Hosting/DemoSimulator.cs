using BatchApi.Simulator.Hosting;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;

namespace BatchExporter.Hosting;

/// <summary>
/// <c>--demo</c>: starts the Message Batches simulator in-process on a loopback port, with a week of history and
/// a live workload on the wall clock, and points the <c>default</c> source at it with the simulator's key, results
/// insight on, as a user's configuration would: the options and their validation are the same as without <c>--demo</c>.
/// </summary>
internal static class DemoSimulator
{
    private const int HistoryBatches = 2_000;

    public static async Task<IAsyncDisposable> StartAsync(ConfigurationManager configuration)
    {
        var simulator = new BatchSimulator(TimeProvider.System, new SimulatorOptions { Seed = Environment.TickCount });
        Scenarios.SeedHistory(simulator.DefaultWorkspace, HistoryBatches, TimeSpan.FromDays(7));
        var workload = Scenarios.StartDemoWorkload(simulator, simulator.DefaultWorkspace);
        var server = await SimulatorServer.StartAsync(simulator).ConfigureAwait(false);

        var settings = new Dictionary<string, string?>
        {
            ["Exporter:Sources:0:Name"] = "default",
            ["Exporter:Sources:0:ApiKey"] = simulator.ApiKey,
            ["Exporter:Sources:0:BaseUrl"] = server.BaseUrl.ToString(),
        };
        if (configuration["Exporter:PollInterval"] is null)
        {
            settings["Exporter:PollInterval"] = "5s";
        }

        if (configuration["Exporter:Results:Enabled"] is null)
        {
            // Results insight on, so no dashboard row is empty in the demo (the simulator serves every results file).
            settings["Exporter:Results:Enabled"] = "true";
        }

        configuration.AddInMemoryCollection(settings);
        return new Running(server, workload);
    }

    private sealed class Running(SimulatorServer server, IDisposable workload) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            workload.Dispose();
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
