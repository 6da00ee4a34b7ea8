using BatchApi.Simulator.Http;
using BatchApi.Simulator.Recording;

namespace BatchApi.Simulator.Tests.Recording;

public sealed class RequestLogTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    private RequestLog Log => _host.Simulator.Log;

    public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Entries_ListRequest_RecordsQueryTimeAndStatusWithoutKey()
    {
        _host.Time.Advance(TimeSpan.FromMinutes(3));

        await _host.GetJsonAsync("/v1/messages/batches?limit=5&after_id=msgbatch_x", r => r.Headers.Add("anthropic-workspace-id", "default"));

        var entry = Assert.Single(Log.Entries);
        Assert.Equal(ApiEndpointNames.List, entry.Endpoint);
        Assert.Equal("GET", entry.Method);
        Assert.Equal("/v1/messages/batches", entry.Path);
        Assert.Equal("5", entry.Query["limit"]);
        Assert.Equal("msgbatch_x", entry.Query["after_id"]);
        Assert.Equal(400, entry.StatusCode);
        Assert.Equal(SimulatorHost.Start.AddMinutes(3), entry.Time);
        Assert.True((DateTimeOffset.UtcNow - entry.WallTime).Duration() < TimeSpan.FromMinutes(1));
        Assert.Equal("default", entry.WorkspaceId);
        Assert.Equal("2023-06-01", entry.Headers["anthropic-version"]);
        Assert.DoesNotContain("x-api-key", entry.Headers.Keys, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Entries_BearerKey_AuthorizationHeaderNotRecorded()
    {
        await _host.GetJsonAsync("/v1/messages/batches", r =>
        {
            r.Headers.Remove("x-api-key");
            r.Headers.TryAddWithoutValidation("Authorization", $"Bearer {SimulatorHost.Key}");
        });

        var entry = Assert.Single(Log.Entries);
        Assert.Equal(200, entry.StatusCode);
        Assert.DoesNotContain("authorization", entry.Headers.Keys, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(entry.Headers.Values, v => v.Contains(SimulatorHost.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bytes_ListAndRetrieve_EqualTheBodiesTheClientReceived()
    {
        var batches = _host.CreateBatches(7);
        using var page = await _host.SendAsync("/v1/messages/batches?limit=5");
        var pageBytes = (await page.Content.ReadAsByteArrayAsync()).Length;
        using var one = await _host.SendAsync($"/v1/messages/batches/{batches[0].Id}");
        var oneBytes = (await one.Content.ReadAsByteArrayAsync()).Length;

        Assert.True(pageBytes > 5 * 300, $"a page of 5 batches is {pageBytes} bytes");
        Assert.Equal(pageBytes, Log.Bytes(ApiEndpointNames.List));
        Assert.Equal(oneBytes, Log.Bytes(ApiEndpointNames.Retrieve));
        Assert.Equal(new long[] { pageBytes, oneBytes }, Log.Entries.Select(e => e.ResponseBytes ?? -1));
    }

    [Fact]
    public async Task Count_MixedEndpoints_CountsEachSeparately()
    {
        var batch = _host.Workspace.CreateBatch(1);
        await _host.GetJsonAsync("/v1/messages/batches");
        await _host.GetJsonAsync("/v1/messages/batches");
        await _host.GetJsonAsync($"/v1/messages/batches/{batch.Id}");

        Assert.Equal(2, Log.Count(ApiEndpointNames.List));
        Assert.Equal(1, Log.Count(ApiEndpointNames.Retrieve));
        Assert.Equal(0, Log.Count(ApiEndpointNames.Results));
    }

    [Fact]
    public async Task Entries_Snapshot_NotChangedByLaterRequests()
    {
        await _host.GetJsonAsync("/v1/messages/batches");
        var snapshot = Log.Entries;

        await _host.GetJsonAsync("/v1/messages/batches");

        Assert.Single(snapshot);
        Assert.Equal(2, Log.Entries.Count);
    }

    [Fact]
    public async Task Clear_AfterRequests_Empty()
    {
        await _host.GetJsonAsync("/v1/messages/batches");

        Log.Clear();

        Assert.Empty(Log.Entries);
        Assert.Equal(0, Log.Count(ApiEndpointNames.List));
    }
}
