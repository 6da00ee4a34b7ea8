using System.Net;
using System.Text.Json;
using BatchApi.Simulator.Faults;
using BatchApi.Simulator.Http;

namespace BatchApi.Simulator.Tests.Http;

/// <summary>The documented error answers as faults: billing, size, gateway timeout and the spend cap; result lines of a new type.</summary>
public sealed class FaultResponsesTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("billing_error", 402)]
    [InlineData("request_too_large", 413)]
    [InlineData("timeout_error", 504)]
    public async Task Fault_DocumentedError_StatusTypeAndNoRetryAfter(string type, int status)
    {
        _host.Simulator.Faults.Enqueue(type switch
        {
            "billing_error" => SimulatedFault.BillingError(),
            "request_too_large" => SimulatedFault.RequestTooLarge(),
            _ => SimulatedFault.GatewayTimeout(),
        });

        using var response = await _host.SendAsync("/v1/messages/batches");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(type, body.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Null(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Fault_SpendLimit_429RateLimitErrorWithErrorCodeAndNoRetryAfter()
    {
        _host.Simulator.Faults.Enqueue(SimulatedFault.SpendLimitReached());

        using var response = await _host.SendAsync("/v1/messages/batches");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
        Assert.Equal("rate_limit_error", error.GetProperty("type").GetString());
        Assert.Equal("enforced_spend_limit_reached", error.GetProperty("details").GetProperty("error_code").GetString());
        Assert.Contains("You will regain access on 2026-02-01 at 00:00 UTC.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fault_SpendLimitFromControlQuery_SameAnswer()
    {
        using var post = await _host.Http.PostAsync("/_sim/faults?kind=spend_limit", null);
        using var response = await _host.SendAsync("/v1/messages/batches");

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("enforced_spend_limit_reached", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fault_UnknownResultType_EveryFifthLineCarriesIt()
    {
        var batch = _host.Workspace.CreateBatch(20);
        _host.Workspace.EndNow(batch.Id, succeeded: 20, errored: 0);
        _host.Simulator.Faults.Enqueue(SimulatedFault.UnknownResultType("deferred"), 1, ApiEndpointNames.Results);

        using var response = await _host.SendAsync($"/v1/messages/batches/{batch.Id}/results");
        var types = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("result").GetProperty("type").GetString())
            .ToList();

        Assert.Equal(20, types.Count);
        Assert.Equal(4, types.Count(t => t == "deferred"));
        Assert.Equal(16, types.Count(t => t == "succeeded"));
        Assert.Equal("deferred", types[4]);
    }
}
