using BatchApi.Simulator.State;
using Microsoft.Extensions.Time.Testing;

namespace BatchApi.Simulator.Tests.State;

public sealed class BatchSimulatorTests
{
    [Fact]
    public void Constructor_NoKey_GeneratesSimulatorKey()
    {
        var first = new BatchSimulator(TimeProvider.System);
        var second = new BatchSimulator(TimeProvider.System);

        Assert.Matches("^sk-ant-sim-[0-9A-Za-z]{40}$", first.ApiKey);
        Assert.NotEqual(first.ApiKey, second.ApiKey);
    }

    [Fact]
    public void Constructor_FractionDigitsOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new BatchSimulator(TimeProvider.System, new SimulatorOptions { TimestampFractionDigits = [6, 10] }));

    [Fact]
    public void AddWorkspace_NewId_IsSeparateFromDefault()
    {
        var simulator = new BatchSimulator(new FakeTimeProvider());

        var workspace = simulator.AddWorkspace("wrkspc_a");
        workspace.CreateBatch(1);

        Assert.Same(workspace, simulator.Workspace("wrkspc_a"));
        Assert.Equal("default", simulator.DefaultWorkspace.Id);
        Assert.Equal(0, simulator.DefaultWorkspace.Count);
        Assert.Equal(1, workspace.Count);
    }

    [Fact]
    public void AddWorkspace_ExistingId_Throws()
    {
        var simulator = new BatchSimulator(new FakeTimeProvider());

        Assert.Throws<ArgumentException>(() => simulator.AddWorkspace("default"));
    }

    [Fact]
    public void Workspace_Unknown_ThrowsKeyNotFound() =>
        Assert.Throws<KeyNotFoundException>(() => new BatchSimulator(new FakeTimeProvider()).Workspace("nope"));
}
