using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages.Batches;
using BatchApi.Simulator.Http;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;

namespace BatchApi.Simulator.Tests.Conformance;

/// <summary>The official Anthropic .NET SDK, an independent client, against the simulator.</summary>
public sealed class AnthropicSdkConformanceTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(1, 45)]
    [InlineData(7, 300)]
    [InlineData(20, 300)]
    [InlineData(1000, 2_345)]
    public async Task List_Paginate_EnumeratesEveryBatchInOrder(int pageSize, int batchCount)
    {
        Scenarios.SeedHistory(_host.Workspace, batchCount - 5, TimeSpan.FromDays(2));
        Scenarios.SeedInProgress(_host.Workspace, 5, TimeSpan.FromHours(1));
        using var client = Client();

        var page = await client.Messages.Batches.List(new BatchListParams { Limit = pageSize });
        var ids = new List<string>();
        await foreach (var batch in page.Paginate())
        {
            ids.Add(batch.ID);
        }

        Assert.Equal(_host.Workspace.List().Select(b => b.Id), ids);
        Assert.Equal((batchCount + pageSize - 1) / pageSize, _host.Simulator.Log.Count(ApiEndpointNames.List));
        Assert.All(_host.Simulator.Log.Entries, e => Assert.Equal(pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Query["limit"]));
    }

    [Fact]
    public async Task Retrieve_EveryKindOfBatch_RoundTripsEveryField()
    {
        var workspace = _host.Workspace;
        _host.Time.Advance(TimeSpan.FromTicks(7654321));
        var running = workspace.CreateBatch(12);
        var canceling = workspace.CreateBatch(30, new BatchPlan(TimeSpan.FromHours(1)));
        var archived = workspace.CreateBatch(100, new BatchPlan(TimeSpan.FromMinutes(2), ErroredFraction: 0.1, ExpiredFraction: 0.05));
        var canceled = workspace.CreateBatch(10, new BatchPlan(TimeSpan.FromMinutes(10)));
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        workspace.Cancel(canceling.Id);
        workspace.Cancel(canceled.Id);
        workspace.Archive(archived.Id);
        _host.Time.Advance(TimeSpan.FromSeconds(10));
        workspace.EndNow(canceled.Id, 3, 1, 6);
        using var client = Client();

        foreach (var id in new[] { running.Id, canceling.Id, archived.Id, canceled.Id })
        {
            var expected = workspace.Get(id);
            var actual = await client.Messages.Batches.Retrieve(id);

            Assert.Equal(expected.Id, actual.ID);
            Assert.Equal("message_batch", actual.Type.GetString());
            Assert.Equal(expected.ProcessingStatus, actual.ProcessingStatus.Raw());
            Assert.Equal(expected.Counts.Processing, actual.RequestCounts.Processing);
            Assert.Equal(expected.Counts.Succeeded, actual.RequestCounts.Succeeded);
            Assert.Equal(expected.Counts.Errored, actual.RequestCounts.Errored);
            Assert.Equal(expected.Counts.Canceled, actual.RequestCounts.Canceled);
            Assert.Equal(expected.Counts.Expired, actual.RequestCounts.Expired);
            Assert.Equal(expected.CreatedAt, actual.CreatedAt);
            Assert.Equal(expected.ExpiresAt, actual.ExpiresAt);
            Assert.Equal(expected.EndedAt, actual.EndedAt);
            Assert.Equal(expected.CancelInitiatedAt, actual.CancelInitiatedAt);
            Assert.Equal(expected.ArchivedAt, actual.ArchivedAt);
            Assert.Equal(expected.ResultsUrl, actual.ResultsUrl);
        }

        Assert.All(_host.Simulator.Log.Entries, e => Assert.Equal("2026-10-21", e.Headers["anthropic-version"]));
    }

    [Fact]
    public async Task Retrieve_Unknown_SdkSeesNotFound()
    {
        using var client = Client();

        var error = await Assert.ThrowsAsync<AnthropicNotFoundException>(() => client.Messages.Batches.Retrieve("msgbatch_01missing"));

        Assert.Contains("msgbatch_01missing", error.ApiMessage);
        Assert.StartsWith("req_", error.RequestID);
    }

    private AnthropicClient Client() => new()
    {
        ApiKey = SimulatorHost.Key,
        BaseUrl = _host.Server.BaseUrl.ToString().TrimEnd('/'),
        MaxRetries = 0,
    };
}
