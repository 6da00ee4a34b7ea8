using System.Net;
using System.Text.Json;
using BatchApi.Simulator.Http;

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
    public async Task Request_UnknownWorkspace_403PermissionError()
    {
        var (status, body) = await _host.GetJsonAsync("/v1/messages/batches", r => r.Headers.Add("anthropic-workspace-id", "wrkspc_nope"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("permission_error", JsonAssert.ErrorType(body));
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
