using System.Net;
using System.Text.Json;
using BatchApi.Simulator.Faults;
using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Tests.Control;

public sealed class ControlEndpointsTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task PostFaults_RateLimitedCountThree_NextThreeApiResponses429()
    {
        using var queued = await _host.Http.PostAsync("/_sim/faults?kind=rate_limited&count=3&retry_after=5&endpoint=list", null);

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await _host.SendAsync("/v1/messages/batches");
            statuses.Add((int)response.StatusCode);
            if (i == 0)
            {
                Assert.Equal("5", Assert.Single(response.Headers.GetValues("retry-after")));
            }
        }

        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        Assert.Equal([429, 429, 429, 200], statuses);
    }

    [Theory]
    [InlineData("kind=unknown")]
    [InlineData("kind=slow&delay=soon")]
    [InlineData("kind=server_error&count=0")]
    [InlineData("kind=server_error&endpoint=create")]
    public async Task PostFaults_BadQuery_400WithMessage(string query)
    {
        using var response = await _host.Http.PostAsync($"/_sim/faults?{query}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()));
        Assert.Equal(0, _host.Simulator.Faults.Pending);
    }

    [Fact]
    public async Task DeleteFaults_Queued_Cleared()
    {
        _host.Simulator.Faults.Enqueue(SimulatedFault.Hang(), 5);

        using var response = await _host.Http.DeleteAsync("/_sim/faults");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, _host.Simulator.Faults.Pending);
    }

    [Fact]
    public async Task GetLog_AfterApiCalls_EntriesWithoutKeyFilteredByEndpoint()
    {
        var batch = _host.Workspace.CreateBatch(1);
        await _host.GetJsonAsync("/v1/messages/batches?limit=3");
        await _host.GetJsonAsync($"/v1/messages/batches/{batch.Id}");

        var all = JsonDocument.Parse(await _host.Http.GetStringAsync("/_sim/log")).RootElement;
        var lists = JsonDocument.Parse(await _host.Http.GetStringAsync("/_sim/log?endpoint=list")).RootElement;

        Assert.Equal(2, all.GetArrayLength());
        var entry = Assert.Single(lists.EnumerateArray());
        Assert.Equal("3", entry.GetProperty("query").GetProperty("limit").GetString());
        Assert.Equal(200, entry.GetProperty("status_code").GetInt32());
        Assert.False(entry.GetProperty("headers").TryGetProperty("x-api-key", out _));
        Assert.Equal(2, _host.Simulator.Log.Entries.Count);
    }

    [Fact]
    public async Task DeleteLog_AfterApiCalls_Empty()
    {
        await _host.GetJsonAsync("/v1/messages/batches");

        using var response = await _host.Http.DeleteAsync("/_sim/log");

        Assert.Empty(_host.Simulator.Log.Entries);
    }

    [Fact]
    public async Task PostBatches_WithPlan_CreatesBatchThatEndsAsPlanned()
    {
        using var response = await _host.Http.PostAsync("/_sim/batches?requests=10&duration=60&errored=0.2", null);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        _host.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(new RequestCountsView(0, 8, 2, 0, 0), _host.Workspace.Get(id).Counts);
    }

    [Fact]
    public async Task PostCancelArchiveDelete_Batch_LifecycleDrivenOverHttp()
    {
        var batch = _host.Workspace.CreateBatch(10, new BatchPlan(TimeSpan.FromMinutes(10)));

        using var cancel = await _host.Http.PostAsync($"/_sim/batches/{batch.Id}/cancel", null);
        var canceling = JsonDocument.Parse(await cancel.Content.ReadAsStringAsync()).RootElement;
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        using var archive = await _host.Http.PostAsync($"/_sim/batches/{batch.Id}/archive", null);
        using var delete = await _host.Http.DeleteAsync($"/_sim/batches/{batch.Id}");
        using var again = await _host.Http.DeleteAsync($"/_sim/batches/{batch.Id}");

        Assert.Equal("canceling", canceling.GetProperty("processing_status").GetString());
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(0, _host.Workspace.Count);
    }

    [Fact]
    public async Task PostCancel_EndedBatch_400()
    {
        var batch = _host.Workspace.CreateBatch(1);
        _host.Workspace.EndNow(batch.Id, 1, 0);

        using var response = await _host.Http.PostAsync($"/_sim/batches/{batch.Id}/cancel", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostWorkspaces_NewId_SelectableByHeader()
    {
        using var created = await _host.Http.PostAsync("/_sim/workspaces?id=wrkspc_b", null);
        using var batch = await _host.Http.PostAsync("/_sim/batches?requests=1&workspace=wrkspc_b", null);

        var (status, page) = await _host.GetJsonAsync("/v1/messages/batches", r => r.Headers.Add("anthropic-workspace-id", "wrkspc_b"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(JsonAssert.Ids(page));
    }

    [Fact]
    public async Task GetSim_Help_ListsEndpoints()
    {
        var help = await _host.Http.GetStringAsync("/_sim");

        Assert.Contains("/_sim/faults", help);
        Assert.Contains("pagination_loop", help);
    }
}
