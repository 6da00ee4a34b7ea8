using BatchApi.Simulator.Faults;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Api;
using BatchExporter.Options;
using BatchExporter.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BatchExporter.Tests.Reliability;

/// <summary>
/// Failures a minute will not fix (a workspace the key cannot use, an organization out of money): counted under
/// their own reason, never retried within a sync, backed off between syncs, and logged once with what to fix.
/// </summary>
public sealed class AccessFailureTests
{
    [Fact]
    public async Task Sync_IdentityLinkedKeyWithoutWorkspaceId_WorkspaceReasonOneRequestAndWhatToSet()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 10, TimeSpan.FromDays(1)),
            simulatorOptions: new SimulatorOptions { Seed = 7, IdentityLinkedKey = true },
            captureLogs: true);

        var m = await h.ScrapeParsedAsync();
        Assert.Equal(SyncFailureReason.Workspace, h.Status.LastFailure);
        Assert.Equal(1, m.Value("anthropic_batch_exporter_sync_errors_total", ("reason", "workspace")));
        Assert.Equal(0, m.Value("anthropic_batch_exporter_sync_errors_total", ("reason", "bad_response")));
        Assert.Equal([400], h.Simulator.Log.Entries.Select(e => e.StatusCode));
        var line = Assert.Single(h.Logs.Lines, l => l.Contains("sync failed (workspace)", StringComparison.Ordinal));
        Assert.Contains("Exporter:Sources:N:WorkspaceId", line, StringComparison.Ordinal);
        Assert.Contains("ANTHROPIC_WORKSPACE_ID", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_UnknownWorkspace_WorkspaceReasonNotRetried()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 10, TimeSpan.FromDays(1)),
            new Dictionary<string, string?> { ["Exporter:Sources:0:WorkspaceId"] = "wrkspc_01Gone" });

        Assert.Equal(SyncFailureReason.Workspace, h.Status.LastFailure);
        Assert.Contains("Workspace `wrkspc_01Gone` not found.", h.Status.LastFailureMessage, StringComparison.Ordinal);
        Assert.Equal([404], h.Simulator.Log.Entries.Select(e => e.StatusCode));
    }

    [Fact]
    public async Task Sync_WorkspaceThatExists_HeaderSentAndSyncSucceeds()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) => Scenarios.SeedHistory(sim.AddWorkspace("wrkspc_01Team"), 10, TimeSpan.FromDays(1)),
            new Dictionary<string, string?> { ["Exporter:Sources:0:WorkspaceId"] = "wrkspc_01Team" },
            simulatorOptions: new SimulatorOptions { Seed = 7, IdentityLinkedKey = true });

        Assert.True(h.Status.Up, h.Status.LastFailureMessage);
        Assert.All(h.Simulator.Log.Entries, e => Assert.Equal("wrkspc_01Team", e.WorkspaceId));
    }

    [Theory]
    [InlineData("billing_error")]
    [InlineData("spend_limit")]
    public async Task Sync_BillingStop_OneRequestPerSyncBackingOffToFiveMinutes(string kind)
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) =>
            {
                Scenarios.SeedHistory(sim.DefaultWorkspace, 10, TimeSpan.FromDays(1));
                sim.Faults.Enqueue(kind == "spend_limit" ? SimulatedFault.SpendLimitReached() : SimulatedFault.BillingError(), int.MaxValue);
            },
            captureLogs: true);

        // Thirty minutes of a stopped organization, in one-second steps.
        for (var i = 0; i < 30 * 60; i++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        var calls = h.Simulator.Log.Entries.ToList();
        var minutes = calls.Select(c => (c.Time - ExporterHarness.Start).TotalMinutes).ToList();
        // Syncs at 0, 1, 3, 7, 12, 17, 22 and 27 minutes (backoff 1, 2, 4, then 5 minutes), one request each.
        Assert.Equal([0, 1, 3, 7, 12, 17, 22, 27], minutes.Select(m => (int)m));
        Assert.All(calls, c => Assert.Equal(kind == "spend_limit" ? 429 : 402, c.StatusCode));
        var m = await h.ScrapeParsedAsync();
        Assert.Equal(8, m.Value("anthropic_batch_exporter_sync_errors_total", ("reason", "billing")));
        Assert.Equal(0, m.Value("anthropic_batch_exporter_sync_errors_total", ("reason", "rate_limited")));
        Assert.Equal(8, h.Logs.Lines.Count(l => l.Contains("sync failed (billing)", StringComparison.Ordinal) && l.Contains("Claude Console", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Sync_GatewayTimeout504_TimeoutReasonAfterRetries()
    {
        await using var h = await ExporterHarness.StartAsync((sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 10, TimeSpan.FromDays(1)));
        h.Simulator.Faults.Enqueue(SimulatedFault.GatewayTimeout(), 3, "list");
        var before = h.Simulator.Log.Entries.Count;

        await h.SyncWhileTimePassesAsync(TimeSpan.FromMilliseconds(100));

        Assert.Equal(SyncFailureReason.Timeout, h.Status.LastFailure);
        Assert.Equal([504, 504, 504], h.Simulator.Log.Entries.Skip(before).Select(e => e.StatusCode));
    }

    [Fact]
    public void PostConfigure_WorkspaceIdVariable_SetsTheSingleSourcesWorkspace()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ANTHROPIC_API_KEY"] = "sk-ant-x",
            ["ANTHROPIC_WORKSPACE_ID"] = "wrkspc_01Team",
        }).Build();
        var options = new ExporterOptions();

        new ExporterOptionsSetup(configuration).PostConfigure(null, options);

        Assert.Equal("wrkspc_01Team", Assert.Single(options.Sources).WorkspaceId);
    }
}
