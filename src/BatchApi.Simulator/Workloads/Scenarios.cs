using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Workloads;

/// <summary>Ready-made workloads: seeded history, recent running batches, and a live demo.</summary>
public static class Scenarios
{
    /// <summary>
    /// Adds <paramref name="count"/> ended batches created in ascending order over <paramref name="span"/> back from
    /// now, deterministic from <paramref name="seed"/> (ids from the simulator's seed). 100,000 take well under a second.
    /// </summary>
    public static void SeedHistory(SimulatedWorkspace workspace, int count, TimeSpan span, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero);
        HistorySeeder.Seed(workspace, workspace.Now, count, span, seed);
    }

    /// <summary>
    /// Adds <paramref name="count"/> batches created over the last <paramref name="span"/> (under 24 h) that are still
    /// running and will end 1 min to 3 h from now; about one in ten will expire instead.
    /// </summary>
    public static void SeedInProgress(SimulatedWorkspace workspace, int count, TimeSpan span, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero);
        InProgressSeeder.Seed(workspace, workspace.Now, count, span, seed);
    }

    /// <summary>
    /// Starts a live workload on the simulator's <see cref="TimeProvider"/> timers (the wall clock in the demo): new
    /// batches every few seconds, most ending within 1 to 3 minutes, some with errored requests; at start, batches
    /// created about 24 h earlier that reach their expiry within 2 to 45 minutes and end with expired requests, and
    /// one canceling. Dispose to stop it.
    /// </summary>
    public static IDisposable StartDemoWorkload(BatchSimulator simulator, SimulatedWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(workspace);
        return new DemoWorkload(simulator, workspace);
    }
}
