using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Workloads;

/// <summary>
/// Batches created within a recent span that are still running: each ends 1 min to 3 h from now as planned
/// (some with errored requests), and about one in ten never finishes and expires 24 h after creation.
/// </summary>
internal static class InProgressSeeder
{
    public static void Seed(SimulatedWorkspace workspace, DateTimeOffset now, int count, TimeSpan span, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(span, BatchTimes.Lifetime);
        var random = new Random(seed);
        var slot = span / Math.Max(count, 1);
        for (var i = 0; i < count; i++)
        {
            var created = now - span + (slot * (i + (random.NextDouble() * 0.9)));
            var size = Math.Max(1, (int)(Math.Pow(random.NextDouble(), 3) * 10_000));
            var remaining = TimeSpan.FromMinutes(1 + (random.NextDouble() * 179));
            var plan = random.NextDouble() < 0.1
                ? BatchPlan.NeverFinishes
                : new BatchPlan(now - created + remaining, ErroredFraction: random.NextDouble() < 0.2 ? 0.05 : 0);
            workspace.CreateBatch(size, plan, created);
        }
    }
}
