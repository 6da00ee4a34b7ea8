using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BatchApi.Simulator.Faults;
using BatchApi.Simulator.Http;

namespace BatchApi.Simulator.Tests.Faults;

public sealed class FaultInjectorTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    private FaultInjector Faults => _host.Simulator.Faults;

    public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Enqueue_RateLimited_429WithRetryAfterSecondsRoundedUp()
    {
        Faults.Enqueue(SimulatedFault.RateLimited(TimeSpan.FromSeconds(4.2)));

        using var response = await _host.SendAsync("/v1/messages/batches");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("5", Assert.Single(response.Headers.GetValues("retry-after")));
        Assert.Equal("rate_limit_error", JsonAssert.ErrorType(body));
        Assert.Equal(Assert.Single(response.Headers.GetValues("request-id")), body.GetProperty("request_id").GetString());
    }

    [Theory]
    [InlineData("server", 500, "api_error")]
    [InlineData("overloaded", 529, "overloaded_error")]
    [InlineData("permission", 403, "permission_error")]
    public async Task Enqueue_ErrorFault_StatusAndErrorType(string name, int status, string type)
    {
        Faults.Enqueue(name switch
        {
            "server" => SimulatedFault.ServerError(),
            "overloaded" => SimulatedFault.Overloaded(),
            _ => SimulatedFault.Error(403, "permission_error"),
        });

        var (actualStatus, body) = await _host.GetJsonAsync("/v1/messages/batches");

        Assert.Equal(status, (int)actualStatus);
        Assert.Equal(type, JsonAssert.ErrorType(body));
    }

    [Fact]
    public async Task Enqueue_CountThree_ExactlyNextThreeResponsesFail()
    {
        Faults.Enqueue(SimulatedFault.ServerError(), count: 3);

        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((int)(await _host.GetJsonAsync("/v1/messages/batches")).Status);
        }

        Assert.Equal([500, 500, 500, 200, 200], statuses);
        Assert.Equal(0, Faults.Pending);
    }

    [Fact]
    public async Task Enqueue_EndpointFilter_OnlyThatEndpointAffected()
    {
        var batch = _host.Workspace.CreateBatch(1);
        Faults.Enqueue(SimulatedFault.Overloaded(), endpoint: ApiEndpointNames.Retrieve);

        var (listStatus, _) = await _host.GetJsonAsync("/v1/messages/batches");
        var (retrieveStatus, _) = await _host.GetJsonAsync($"/v1/messages/batches/{batch.Id}");
        var (again, _) = await _host.GetJsonAsync($"/v1/messages/batches/{batch.Id}");

        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Equal(529, (int)retrieveStatus);
        Assert.Equal(HttpStatusCode.OK, again);
    }

    [Fact]
    public async Task Enqueue_RejectedRequest_DoesNotConsumeFault()
    {
        Faults.Enqueue(SimulatedFault.ServerError());

        var (unauthorized, _) = await _host.GetJsonAsync("/v1/messages/batches", r => r.Headers.Remove("x-api-key"));
        var (faulted, _) = await _host.GetJsonAsync("/v1/messages/batches");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized);
        Assert.Equal(HttpStatusCode.InternalServerError, faulted);
    }

    [Fact]
    public async Task Clear_QueuedFaults_NextResponseNormal()
    {
        Faults.Enqueue(SimulatedFault.ServerError(), count: 10);

        Faults.Clear();
        var (status, _) = await _host.GetJsonAsync("/v1/messages/batches");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Enqueue_Slow_RespondsNormallyAfterRealDelay()
    {
        Faults.Enqueue(SimulatedFault.Slow(TimeSpan.FromMilliseconds(400)));

        var watch = Stopwatch.StartNew();
        var (status, _) = await _host.GetJsonAsync("/v1/messages/batches");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(watch.ElapsedMilliseconds >= 390, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Enqueue_Hang_NoAnswerUntilClientCancels()
    {
        Faults.Enqueue(SimulatedFault.Hang());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _host.SendAsync("/v1/messages/batches", cancellationToken: timeout.Token));
        var (next, _) = await _host.GetJsonAsync("/v1/messages/batches");

        Assert.Equal(HttpStatusCode.OK, next);
        Assert.Equal(0, _host.Simulator.Log.Entries[0].StatusCode);
    }

    [Fact]
    public async Task DisposeAsync_HangingRequest_ServerStopsPromptly()
    {
        Faults.Enqueue(SimulatedFault.Hang());
        var pending = _host.SendAsync("/v1/messages/batches");
        await WaitUntil(() => _host.Simulator.Log.Entries.Count == 1);

        var watch = Stopwatch.StartNew();
        await _host.Server.DisposeAsync();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"stop took {watch.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => pending);
    }

    [Fact]
    public async Task Enqueue_Truncated_Status200BodyCutMidJson()
    {
        _host.CreateBatches(3);
        Faults.Enqueue(SimulatedFault.Truncated());

        using var response = await _host.SendAsync("/v1/messages/batches");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("{\"data\":[", body);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Enqueue_Malformed_Status200NotJson()
    {
        Faults.Enqueue(SimulatedFault.Malformed());

        using var response = await _host.SendAsync("/v1/messages/batches");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Enqueue_PaginationLoop_LastIdRepeatsCursorWithHasMore()
    {
        var batches = _host.CreateBatches(5);
        Faults.Enqueue(SimulatedFault.PaginationLoop(), count: int.MaxValue);

        var (_, first) = await _host.GetJsonAsync("/v1/messages/batches?limit=2");
        var cursor = first.GetProperty("last_id").GetString();
        var (_, second) = await _host.GetJsonAsync($"/v1/messages/batches?limit=2&after_id={cursor}");
        var (_, third) = await _host.GetJsonAsync($"/v1/messages/batches?limit=2&after_id={second.GetProperty("last_id").GetString()}");

        Assert.Equal(batches[1].Id, cursor);
        Assert.Equal(cursor, second.GetProperty("last_id").GetString());
        Assert.Equal(cursor, third.GetProperty("last_id").GetString());
        Assert.True(third.GetProperty("has_more").GetBoolean());
        Assert.Equal(JsonAssert.Ids(second), JsonAssert.Ids(third));
    }

    [Fact]
    public async Task Enqueue_PaginationLoopWithoutFilter_RetrieveUnaffected()
    {
        var batch = _host.Workspace.CreateBatch(1);
        Faults.Enqueue(SimulatedFault.PaginationLoop());

        var (status, _) = await _host.GetJsonAsync($"/v1/messages/batches/{batch.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, Faults.Pending);
    }

    [Fact]
    public async Task Enqueue_UnknownStatus_EveryBatchCarriesIt()
    {
        _host.CreateBatches(3);
        Faults.Enqueue(SimulatedFault.UnknownStatus("paused"));

        var (_, page) = await _host.GetJsonAsync("/v1/messages/batches");

        Assert.All(page.GetProperty("data").EnumerateArray(), b => Assert.Equal("paused", b.GetProperty("processing_status").GetString()));
    }

    [Fact]
    public async Task Enqueue_ExtraFields_UnknownFieldsAtEveryLevel()
    {
        var batch = _host.Workspace.CreateBatch(1);
        Faults.Enqueue(SimulatedFault.ExtraFields(), count: 2);

        var (_, page) = await _host.GetJsonAsync("/v1/messages/batches");
        var (_, retrieved) = await _host.GetJsonAsync($"/v1/messages/batches/{batch.Id}");

        var listed = page.GetProperty("data")[0];
        Assert.True(page.TryGetProperty("sim_extra_object", out _));
        Assert.True(listed.TryGetProperty("sim_extra_object", out _));
        Assert.True(listed.GetProperty("request_counts").TryGetProperty("sim_extra_string", out _));
        Assert.True(retrieved.TryGetProperty("sim_extra_number", out _));
        Assert.Equal(batch.Id, retrieved.GetProperty("id").GetString());
    }

    [Fact]
    public void Enqueue_UnknownEndpoint_Throws() =>
        Assert.Throws<ArgumentException>(() => Faults.Enqueue(SimulatedFault.ServerError(), endpoint: "create"));

    private static async Task WaitUntil(Func<bool> condition) =>
        Assert.True(await Eventually.TrueAsync(condition, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10)), "condition not met in time");
}
