using System.Net;
using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Tests.Http;

public sealed class RetrieveBatchEndpointTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Retrieve_InProgress_ExactWireFormat()
    {
        _host.Time.Advance(TimeSpan.FromTicks(1234567));
        var batch = _host.Workspace.CreateBatch(42);

        using var response = await _host.SendAsync($"/v1/messages/batches/{batch.Id}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            $$"""{"id":"{{batch.Id}}","type":"message_batch","processing_status":"in_progress","request_counts":{"processing":42,"succeeded":0,"errored":0,"canceled":0,"expired":0},"ended_at":null,"created_at":"2026-01-15T12:00:00.123456Z","expires_at":"2026-01-16T12:00:00.123456Z","cancel_initiated_at":null,"archived_at":null,"results_url":null}""",
            body);
    }

    [Fact]
    public async Task Retrieve_CanceledAndArchived_EveryFieldSet()
    {
        var batch = _host.Workspace.CreateBatch(10, new BatchPlan(TimeSpan.FromMinutes(10)));
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        _host.Workspace.Cancel(batch.Id);
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        _host.Workspace.Archive(batch.Id);

        using var response = await _host.SendAsync($"/v1/messages/batches/{batch.Id}");
        var body = await response.Content.ReadAsStringAsync();

        var baseUrl = _host.Server.BaseUrl.ToString().TrimEnd('/');
        Assert.Equal(
            $$"""{"id":"{{batch.Id}}","type":"message_batch","processing_status":"ended","request_counts":{"processing":0,"succeeded":5,"errored":0,"canceled":5,"expired":0},"ended_at":"2026-01-15T12:05:30.000000Z","created_at":"2026-01-15T12:00:00.000000Z","expires_at":"2026-01-16T12:00:00.000000Z","cancel_initiated_at":"2026-01-15T12:05:00.000000Z","archived_at":"2026-01-15T12:06:00.000000Z","results_url":"{{baseUrl}}/v1/messages/batches/{{batch.Id}}/results"}""",
            body);
    }

    [Fact]
    public async Task Retrieve_Unknown_404NotFoundError()
    {
        var (status, body) = await _host.GetJsonAsync("/v1/messages/batches/msgbatch_01doesnotexist");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("not_found_error", JsonAssert.ErrorType(body));
    }

    [Fact]
    public async Task Retrieve_Deleted_404NotFoundError()
    {
        var batch = _host.Workspace.CreateBatch(1);
        _host.Workspace.EndNow(batch.Id, 1, 0);
        _host.Workspace.Delete(batch.Id);

        var (status, _) = await _host.GetJsonAsync($"/v1/messages/batches/{batch.Id}");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Retrieve_AfterClockMoves_ShowsCurrentLifecycle()
    {
        var batch = _host.Workspace.CreateBatch(4, new BatchPlan(TimeSpan.FromMinutes(1), ErroredFraction: 0.25));
        var (_, before) = await _host.GetJsonAsync($"/v1/messages/batches/{batch.Id}");

        _host.Time.Advance(TimeSpan.FromMinutes(1));
        var (_, after) = await _host.GetJsonAsync($"/v1/messages/batches/{batch.Id}");

        Assert.Equal("in_progress", before.GetProperty("processing_status").GetString());
        Assert.Equal(4, before.GetProperty("request_counts").GetProperty("processing").GetInt32());
        Assert.Equal("ended", after.GetProperty("processing_status").GetString());
        Assert.Equal(0, after.GetProperty("request_counts").GetProperty("processing").GetInt32());
        Assert.Equal(3, after.GetProperty("request_counts").GetProperty("succeeded").GetInt32());
        Assert.Equal(1, after.GetProperty("request_counts").GetProperty("errored").GetInt32());
    }
}
