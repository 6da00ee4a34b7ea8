using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Workloads;

/// <summary>
/// Ended batches spread over a span before now, created in ascending order (the store's O(1) append path).
/// Mix: about 92% complete (a tenth of them with errored requests), 4% canceled, 4% expired (only batches old
/// enough to have reached their 24 h expiry); sizes 1..10,000, small ones most common; batches older than 29 days
/// are archived, as the API archives results after 29 days.
/// </summary>
internal static class HistorySeeder
{
    private static readonly TimeSpan ResultsRetention = TimeSpan.FromDays(29);

    public static void Seed(SimulatedWorkspace workspace, DateTimeOffset now, int count, TimeSpan span, int seed)
    {
        var random = new Random(seed);
        var start = now - span;
        var slot = span / Math.Max(count, 1);
        for (var i = 0; i < count; i++)
        {
            var created = start + (slot * (i + (random.NextDouble() * 0.9)));
            var size = Math.Max(1, (int)(Math.Pow(random.NextDouble(), 3) * 10_000));
            var age = now - created;
            var archivedAt = age > ResultsRetention ? created + ResultsRetention : (DateTimeOffset?)null;
            var roll = random.NextDouble();
            if (roll < 0.04 && age >= BatchTimes.Lifetime)
            {
                var processed = (int)(size * (0.5 + (random.NextDouble() * 0.45)));
                var errored = processed / 50;
                workspace.AddEnded(size, created, created + BatchTimes.Lifetime,
                    new RequestCountsView(0, processed - errored, errored, 0, size - processed), archivedAt: archivedAt);
            }
            else if (roll < 0.08)
            {
                var canceledAt = created + (Min(age, BatchTimes.Lifetime) * random.NextDouble() * 0.5);
                var processed = (int)(size * random.NextDouble() * 0.8);
                workspace.AddEnded(size, created, Min(now, canceledAt + TimeSpan.FromSeconds(30)),
                    new RequestCountsView(0, processed, 0, size - processed, 0), canceledAt, archivedAt);
            }
            else
            {
                var duration = TimeSpan.FromMinutes(1 + (-Math.Log(1 - random.NextDouble()) * 30));
                var errored = roll < 0.17 ? (int)(size * random.NextDouble() * 0.2) : 0;
                workspace.AddEnded(size, created, Min(now, created + Min(duration, BatchTimes.Lifetime)),
                    new RequestCountsView(0, size - errored, errored, 0, 0), archivedAt: archivedAt);
            }
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
