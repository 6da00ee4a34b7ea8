using BatchApi.Simulator.Hosting;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;

namespace BatchApi.Simulator;

/// <summary>Runs the simulator on its own: seeded history, live demo workload, served until Ctrl+C.</summary>
internal static class SimulatorProgram
{
    public static async Task<int> Main(string[] args)
    {
        SimulatorCommandLine options;
        try
        {
            options = SimulatorCommandLine.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(SimulatorCommandLine.Usage);
            return 0;
        }

        var simulator = new BatchSimulator(TimeProvider.System, new SimulatorOptions { ApiKey = options.ApiKey, Seed = options.Seed });
        Scenarios.SeedHistory(simulator.DefaultWorkspace, options.History, options.HistorySpan, options.Seed);
        using var demo = options.Demo ? Scenarios.StartDemoWorkload(simulator, simulator.DefaultWorkspace) : null;
        using var stop = new StopSignal();
        await using var server = await SimulatorServer.StartAsync(simulator, options.Port,
            logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning), CancellationToken.None);

        Console.WriteLine($"Anthropic Message Batches API simulator on {server.BaseUrl}");
        Console.WriteLine($"API key: {simulator.ApiKey}");
        Console.WriteLine($"Batches: {simulator.DefaultWorkspace.Count} (demo workload {(options.Demo ? "on" : "off")}); control endpoints: {server.BaseUrl}_sim");
        Console.WriteLine("Press Ctrl+C to stop.");
        await stop.Stopped;
        return 0;
    }
}
