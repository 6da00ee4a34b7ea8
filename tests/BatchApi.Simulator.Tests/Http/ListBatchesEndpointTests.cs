using System.Diagnostics;
using System.Net;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using Xunit.Abstractions;

namespace BatchApi.Simulator.Tests.Http;

public sealed class ListBatchesEndpointTests(ITestOutputHelper output) : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task List_NoParameters_NewestTwentyWithHasMore()
    {
        var batches = _host.CreateBatches(25);

        var (status, page) = await _host.GetJsonAsync("/v1/messages/batches");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(batches.Take(20).Select(b => b.Id), JsonAssert.Ids(page));
        Assert.True(page.GetProperty("has_more").GetBoolean());
        Assert.Equal(batches[0].Id, page.GetProperty("first_id").GetString());
        Assert.Equal(batches[19].Id, page.GetProperty("last_id").GetString());
    }

    [Fact]
    public async Task List_AfterIdChain_VisitsEveryBatchOnceNewestFirst()
    {
        var batches = _host.CreateBatches(50);
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        bool hasMore;
        do
        {
            var (_, page) = await _host.GetJsonAsync($"/v1/messages/batches?limit=7{(cursor is null ? "" : "&after_id=" + cursor)}");
            seen.AddRange(JsonAssert.Ids(page));
            hasMore = page.GetProperty("has_more").GetBoolean();
            cursor = page.GetProperty("last_id").GetString();
            pages++;
        }
        while (hasMore);

        Assert.Equal(batches.Select(b => b.Id), seen);
        Assert.Equal(8, pages);
    }

    [Fact]
    public async Task List_ExactMultipleOfLimit_LastPageHasNoMore()
    {
        var batches = _host.CreateBatches(10);

        var (_, page) = await _host.GetJsonAsync($"/v1/messages/batches?limit=5&after_id={batches[4].Id}");

        Assert.Equal(batches.Skip(5).Select(b => b.Id), JsonAssert.Ids(page));
        Assert.False(page.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task List_BeforeId_NewerBatchesClosestToCursorNewestFirst()
    {
        var batches = _host.CreateBatches(50);

        var (_, page) = await _host.GetJsonAsync($"/v1/messages/batches?limit=5&before_id={batches[30].Id}");

        Assert.Equal(batches[25..30].Select(b => b.Id), JsonAssert.Ids(page));
        Assert.True(page.GetProperty("has_more").GetBoolean());
        Assert.Equal(batches[25].Id, page.GetProperty("first_id").GetString());
        Assert.Equal(batches[29].Id, page.GetProperty("last_id").GetString());
    }

    [Fact]
    public async Task List_BeforeIdNearNewest_ShortPageWithoutMore()
    {
        var batches = _host.CreateBatches(10);

        var (_, page) = await _host.GetJsonAsync($"/v1/messages/batches?limit=5&before_id={batches[3].Id}");

        Assert.Equal(batches[0..3].Select(b => b.Id), JsonAssert.Ids(page));
        Assert.False(page.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task List_BeforeIdChain_WalksBackToNewest()
    {
        var batches = _host.CreateBatches(23);
        var seen = new List<string>();
        var cursor = batches[^1].Id;
        bool hasMore;
        do
        {
            var (_, page) = await _host.GetJsonAsync($"/v1/messages/batches?limit=4&before_id={cursor}");
            seen.InsertRange(0, JsonAssert.Ids(page));
            hasMore = page.GetProperty("has_more").GetBoolean();
            cursor = page.GetProperty("first_id").GetString()!;
        }
        while (hasMore);

        Assert.Equal(batches[..^1].Select(b => b.Id), seen);
    }

    [Fact]
    public async Task List_BeforeNewest_EmptyPageWithNullIds()
    {
        var batches = _host.CreateBatches(3);

        var (status, page) = await _host.GetJsonAsync($"/v1/messages/batches?before_id={batches[0].Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(JsonAssert.Ids(page));
        Assert.False(page.GetProperty("has_more").GetBoolean());
        Assert.Null(JsonAssert.NullableString(page, "first_id"));
        Assert.Null(JsonAssert.NullableString(page, "last_id"));
    }

    [Fact]
    public async Task List_EmptyWorkspace_EmptyPage()
    {
        var (_, page) = await _host.GetJsonAsync("/v1/messages/batches");

        Assert.Empty(JsonAssert.Ids(page));
        Assert.False(page.GetProperty("has_more").GetBoolean());
        Assert.Null(JsonAssert.NullableString(page, "first_id"));
    }

    [Fact]
    public async Task List_BothCursors_400InvalidRequest()
    {
        var batches = _host.CreateBatches(3);

        var (status, body) = await _host.GetJsonAsync($"/v1/messages/batches?after_id={batches[0].Id}&before_id={batches[2].Id}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", JsonAssert.ErrorType(body));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("")]
    public async Task List_LimitOutsideRange_400InvalidRequest(string limit)
    {
        var (status, body) = await _host.GetJsonAsync($"/v1/messages/batches?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", JsonAssert.ErrorType(body));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public async Task List_LimitAtBounds_Accepted(int limit)
    {
        _host.CreateBatches(3);

        var (status, page) = await _host.GetJsonAsync($"/v1/messages/batches?limit={limit}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Math.Min(limit, 3), JsonAssert.Ids(page).Count);
    }

    [Theory]
    [InlineData("after_id")]
    [InlineData("before_id")]
    public async Task List_UnknownCursor_400InErrorShape(string cursor)
    {
        _host.CreateBatches(3);

        var (status, body) = await _host.GetJsonAsync($"/v1/messages/batches?{cursor}=msgbatch_01unknownunknownunknown");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", JsonAssert.ErrorType(body));
    }

    [Fact]
    public async Task List_DeletedBatch_GoneFromListingButStillAValidCursor()
    {
        var batches = _host.CreateBatches(5);
        _host.Workspace.EndNow(batches[2].Id, batches[2].Size, 0);
        _host.Workspace.Delete(batches[2].Id);

        var (_, all) = await _host.GetJsonAsync("/v1/messages/batches");
        var (_, after) = await _host.GetJsonAsync($"/v1/messages/batches?after_id={batches[2].Id}");

        Assert.Equal(batches.Where((_, i) => i != 2).Select(b => b.Id), JsonAssert.Ids(all));
        Assert.Equal(batches[3..].Select(b => b.Id), JsonAssert.Ids(after));
    }

    [Fact]
    public async Task List_ManyDeletions_PagingStaysConsistent()
    {
        var workspace = _host.Workspace;
        var ended = BatchPlan.Default with { Duration = TimeSpan.FromSeconds(1) };
        var ids = Enumerable.Range(0, 12_000).Select(i => workspace.CreateBatch(1, ended, SimulatorHost.Start.AddSeconds(-20_000 + i)).Id).ToList();
        foreach (var id in ids.Where((_, i) => i % 3 != 0))
        {
            workspace.Delete(id);
        }

        var (_, page) = await _host.GetJsonAsync("/v1/messages/batches?limit=1000");
        var (_, next) = await _host.GetJsonAsync($"/v1/messages/batches?limit=1000&after_id={page.GetProperty("last_id").GetString()}");

        var expected = ids.Where((_, i) => i % 3 == 0).Reverse().ToList();
        Assert.Equal(4000, workspace.Count);
        Assert.Equal(expected.Take(1000), JsonAssert.Ids(page));
        Assert.Equal(expected.Skip(1000).Take(1000), JsonAssert.Ids(next));
    }

    [Fact]
    public async Task List_ThousandItemPageOn100kBatches_ServedFast()
    {
        Scenarios.SeedHistory(_host.Workspace, 100_000, TimeSpan.FromDays(7));
        var (_, first) = await _host.GetJsonAsync("/v1/messages/batches?limit=1000");
        var deepCursor = _host.Workspace.List()[90_000].Id;
        var timings = new List<double>();
        for (var i = 0; i < 15; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await _host.SendAsync($"/v1/messages/batches?limit=1000&after_id={deepCursor}");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            timings.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(bytes.Length > 300_000);
        }

        timings.Sort();
        var median = timings[timings.Count / 2];
        output.WriteLine($"1000-item page over loopback on 100,000 batches: median {median:F1} ms, min {timings[0]:F1} ms, max {timings[^1]:F1} ms");
        Assert.Equal(1000, JsonAssert.Ids(first).Count);
        Assert.True(median < 250, $"median {median:F1} ms");
    }
}
