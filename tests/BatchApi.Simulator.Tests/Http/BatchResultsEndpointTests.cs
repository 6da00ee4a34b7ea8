using System.Net;
using System.Text.Json;
using BatchApi.Simulator.Faults;
using BatchApi.Simulator.Http;
using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Tests.Http;

public sealed class BatchResultsEndpointTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Results_Ended_OneLinePerRequestMatchingCounts()
    {
        var batch = _host.Workspace.CreateBatch(10);
        _host.Workspace.EndNow(batch.Id, succeeded: 5, errored: 2, canceled: 2, expired: 1);

        using var response = await _host.SendAsync($"/v1/messages/batches/{batch.Id}/results");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("result")).ToList();
        var types = results.GroupBy(r => r.GetProperty("type").GetString()).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["succeeded"] = 5, ["errored"] = 2, ["canceled"] = 2, ["expired"] = 1 }, types);
        var succeeded = results.First(r => r.GetProperty("type").GetString() == "succeeded");
        var usage = succeeded.GetProperty("message").GetProperty("usage");
        Assert.True(usage.GetProperty("input_tokens").GetInt32() > 0);
        Assert.StartsWith("claude-", succeeded.GetProperty("message").GetProperty("model").GetString());
        var error = results.First(r => r.GetProperty("type").GetString() == "errored").GetProperty("error");
        Assert.EndsWith("_error", error.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(ApiEndpointNames.Results, _host.Simulator.Log.Entries.Single().Endpoint);
    }

    [Fact]
    public async Task Results_LargeBatch_EveryRequestOnceNotInRequestOrder()
    {
        var batch = _host.Workspace.CreateBatch(3_000);
        _host.Workspace.EndNow(batch.Id, succeeded: 2_000, errored: 500, canceled: 300, expired: 200);

        using var response = await _host.SendAsync($"/v1/messages/batches/{batch.Id}/results");
        var ids = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("custom_id").GetString()!)
            .ToList();

        Assert.Equal(Enumerable.Range(0, 3_000).Select(i => $"request-{i:D6}"), ids.Order());
        Assert.NotEqual(ids.Order(), ids);
    }

    [Fact]
    public async Task Results_Truncated_BodyCutAndConnectionAborted()
    {
        var batch = _host.Workspace.CreateBatch(2_000);
        _host.Workspace.EndNow(batch.Id, succeeded: 2_000, errored: 0);
        _host.Simulator.Faults.Enqueue(SimulatedFault.Truncated(), 1, ApiEndpointNames.Results);

        var e = await Assert.ThrowsAnyAsync<HttpRequestException>(async () =>
        {
            using var response = await _host.SendAsync($"/v1/messages/batches/{batch.Id}/results");
            await response.Content.ReadAsStringAsync();
        });
        Assert.IsType<IOException>(e.InnerException);
    }

    [Fact]
    public async Task Results_InProgress_400InvalidRequest()
    {
        var batch = _host.Workspace.CreateBatch(1);

        var (status, body) = await _host.GetJsonAsync($"/v1/messages/batches/{batch.Id}/results");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", JsonAssert.ErrorType(body));
    }

    [Fact]
    public async Task Results_Archived_404NotFound()
    {
        var batch = _host.Workspace.CreateBatch(1);
        _host.Workspace.EndNow(batch.Id, 1, 0);
        _host.Workspace.Archive(batch.Id);

        var (status, body) = await _host.GetJsonAsync($"/v1/messages/batches/{batch.Id}/results");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("not_found_error", JsonAssert.ErrorType(body));
    }

    [Fact]
    public async Task Results_UrlFromRetrieve_ServesTheFile()
    {
        var batch = _host.Workspace.CreateBatch(3);
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        var (_, retrieved) = await _host.GetJsonAsync($"/v1/messages/batches/{batch.Id}");

        using var response = await _host.SendAsync(retrieved.GetProperty("results_url").GetString()!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Results_PathPrefix_InResultsUrlAndServedThere()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { ApiKey = SimulatorHost.Key, ResultsPathPrefix = "/download" });
        var batch = host.Workspace.CreateBatch(3);
        host.Workspace.EndNow(batch.Id, succeeded: 3, errored: 0);
        var url = host.Workspace.Get(batch.Id).ResultsUrl!;

        using var response = await host.SendAsync(url);

        Assert.Equal(new Uri(host.Server.BaseUrl, $"/download/v1/messages/batches/{batch.Id}/results").ToString(), url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
