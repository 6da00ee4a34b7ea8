using BatchApi.Simulator.State;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Api;

public sealed class PageParsingTests
{
    [Fact]
    public async Task Sync_TimestampsWithZeroToNineFractionDigits_ParsedExactlyOverHttp()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, time) =>
            {
                for (var i = 0; i < 30; i++)
                {
                    sim.DefaultWorkspace.CreateBatch(1, BatchPlan.NeverFinishes);
                    time.Advance(TimeSpan.FromTicks(1_234_567));
                }
            },
            simulatorOptions: new SimulatorOptions { Seed = 5, TimestampFractionDigits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] });

        Assert.True(h.Status.Up, h.Status.LastFailureMessage);
        var expected = h.Workspace.List().ToDictionary(b => b.Id);
        Assert.Equal(30, h.Status.Ledger.Active.Count);
        foreach (var active in h.Status.Ledger.Active)
        {
            // Each timestamp arrives with as many digits as the simulator chose for it: at most 1 s off, and exact
            // to the tick wherever 7 or more digits were sent.
            var b = expected[active.Id];
            Assert.InRange((b.CreatedAt - active.CreatedAt).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
            Assert.InRange((b.ExpiresAt - active.ExpiresAt).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
        }

        Assert.Contains(h.Status.Ledger.Active, a => a.CreatedAt == expected[a.Id].CreatedAt);
    }
}
