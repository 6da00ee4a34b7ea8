using System.Net;
using System.Text.Json;
using BatchApi.Simulator.Http;
using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Tests.Http;

public sealed class ApiAdmissionTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Request_XApiKeyHeader_Accepted()
    {
        var (status, _) = await _host.GetJsonAsync("/v1/messages/batches");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Request_BearerTokenWithSdkVersion_Accepted()
    {
        using var response = await Send(("authorization", $"Bearer {SimulatorHost.Key}"), ("anthropic-version", "2026-10-21"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("x-api-key", "sk-ant-wrong")]
    [InlineData("authorization", "Bearer sk-ant-wrong")]
    [InlineData("authorization", "Basic c2stYW50LXRlc3Qta2V5")]
    public async Task Request_WrongKey_401AuthenticationError(string header, string value)
    {
        using var response = await Send((header, value), ("anthropic-version", "2023-06-01"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication_error", await ErrorType(response));
    }

    [Fact]
    public async Task Request_NoKey_401AuthenticationError()
    {
        using var response = await Send(("anthropic-version", "2023-06-01"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication_error", await ErrorType(response));
    }

    [Fact]
    public async Task Request_NoVersion_400InvalidRequest()
    {
        using var response = await Send(("x-api-key", SimulatorHost.Key));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", await ErrorType(response));
    }

    [Theory]
    [InlineData("/v1/messages/batches", HttpStatusCode.OK)]
    [InlineData("/v1/messages/batches/msgbatch_missing", HttpStatusCode.NotFound)]
    [InlineData("/v1/messages/batches?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/v1/models", HttpStatusCode.NotFound)]
    public async Task Response_AnyOutcome_CarriesRequestIdHeaderMatchingBody(string path, HttpStatusCode expected)
    {
        using var response = await _host.SendAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        var requestId = Assert.Single(response.Headers.GetValues("request-id"));
        Assert.Matches("^req_[0-9A-Za-z]{24}$", requestId);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal(requestId, JsonDocument.Parse(body).RootElement.GetProperty("request_id").GetString());
        }
    }

    [Fact]
    public async Task Response_Unauthenticated_StillCarriesRequestId()
    {
        using var response = await Send();

        Assert.Single(response.Headers.GetValues("request-id"));
    }

    [Fact]
    public async Task Request_WorkspaceHeader_SelectsThatWorkspace()
    {
        var other = _host.Simulator.AddWorkspace("wrkspc_other");
        var inOther = _host.CreateBatches(2, other);
        var inDefault = _host.CreateBatches(1);

        var (_, otherPage) = await _host.GetJsonAsync("/v1/messages/batches", r => r.Headers.Add("anthropic-workspace-id", "wrkspc_other"));
        var (_, defaultPage) = await _host.GetJsonAsync("/v1/messages/batches");
        var (crossStatus, _) = await _host.GetJsonAsync($"/v1/messages/batches/{inOther[0].Id}");

        Assert.Equal(inOther.Select(b => b.Id), JsonAssert.Ids(otherPage));
        Assert.Equal(inDefault.Select(b => b.Id), JsonAssert.Ids(defaultPage));
        Assert.Equal(HttpStatusCode.NotFound, crossStatus);
    }

    [Fact]
    public async Task Request_UnknownWorkspace_404NotFoundNamingIt()
    {
        var (status, body) = await _host.GetJsonAsync("/v1/messages/batches", r => r.Headers.Add("anthropic-workspace-id", "wrkspc_nope"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("not_found_error", JsonAssert.ErrorType(body));
        Assert.Equal("Workspace `wrkspc_nope` not found.", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("team-a")]
    [InlineData("wrkspc_")]
    [InlineData("wrkspc_01 x")]
    public async Task Request_MalformedWorkspaceId_400InvalidRequest(string id)
    {
        var (status, body) = await _host.GetJsonAsync("/v1/messages/batches", r => r.Headers.Add("anthropic-workspace-id", id));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", JsonAssert.ErrorType(body));
        Assert.Equal("anthropic-workspace-id header must be a valid workspace ID.", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Request_IdentityLinkedKeyWithoutWorkspace_400NamingTheHeader()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { ApiKey = SimulatorHost.Key, IdentityLinkedKey = true });
        var workspace = host.Simulator.AddWorkspace("wrkspc_01Team");
        host.CreateBatches(1, workspace);

        var (status, body) = await host.GetJsonAsync("/v1/messages/batches");
        var (withHeader, page) = await host.GetJsonAsync("/v1/messages/batches", r => r.Headers.Add("anthropic-workspace-id", "wrkspc_01Team"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", JsonAssert.ErrorType(body));
        Assert.StartsWith("anthropic-workspace-id is required when authenticating with an identity-linked API key",
            body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withHeader);
        Assert.Single(JsonAssert.Ids(page));
    }

    [Fact]
    public async Task Request_OverOrganizationLimit_429WithRetryAfterUntilASecondPasses()
    {
        // 30 RPM enforced per second: one request every two seconds, whatever the workspace or endpoint.
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { ApiKey = SimulatorHost.Key, OrganizationRequestsPerMinute = 30 });
        host.Simulator.AddWorkspace("wrkspc_other");

        using var first = await host.SendAsync("/v1/messages/batches");
        using var second = await host.SendAsync("/v1/messages/batches", r => r.Headers.Add("anthropic-workspace-id", "wrkspc_other"));
        host.Time.Advance(TimeSpan.FromSeconds(1));
        using var third = await host.SendAsync("/v1/messages/batches/msgbatch_nope");
        host.Time.Advance(TimeSpan.FromSeconds(1));
        using var fourth = await host.SendAsync("/v1/messages/batches");

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK],
            new[] { first.StatusCode, second.StatusCode, third.StatusCode, fourth.StatusCode });
        Assert.Equal(TimeSpan.FromSeconds(2), second.Headers.RetryAfter?.Delta);
        Assert.Equal(TimeSpan.FromSeconds(1), third.Headers.RetryAfter?.Delta);
        Assert.Equal("rate_limit_error", await ErrorType(second));
    }

    [Fact]
    public async Task RotateApiKey_OldKey_401AndNewKeyAccepted()
    {
        var newKey = _host.Simulator.RotateApiKey("sk-ant-rotated");

        using var old = await _host.SendAsync("/v1/messages/batches");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/messages/batches");
        request.Headers.Add("x-api-key", newKey);
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var rotated = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
    }

    [Fact]
    public async Task Request_UnsupportedMethod_404NotFound()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages/batches");
        request.Headers.Add("x-api-key", SimulatorHost.Key);
        request.Headers.Add("anthropic-version", "2023-06-01");

        using var response = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found_error", await ErrorType(response));
        Assert.Equal(ApiEndpointNames.Other, _host.Simulator.Log.Entries.Single().Endpoint);
    }

    private async Task<HttpResponseMessage> Send(params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/messages/batches");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _host.Http.SendAsync(request);
    }

    private static async Task<string> ErrorType(HttpResponseMessage response) =>
        JsonAssert.ErrorType(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
}
