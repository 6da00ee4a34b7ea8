using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages.Batches;
using BatchExporter.Api;
using BatchExporter.Benchmarks.Infrastructure;
using BatchExporter.Options;
using BatchExporter.Sync;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Time.Testing;

namespace BatchExporter.Benchmarks.Parsing;

/// <summary>
/// One 1000-batch list page, as the simulator serves it, read by: our client (HTTP pipeline in memory, then the
/// streaming parse into what the ledger keeps), our parse alone, the official Anthropic .NET SDK listing the same
/// page and reading the same fields, and a bare <see cref="Utf8JsonReader"/> pass over the bytes (the floor).
/// </summary>
[MemoryDiagnoser]
public class PageParsingBenchmarks
{
    private byte[] _page = [];
    private BatchApiClient _client = null!;
    private ApiSource _source = null!;
    private FakeTimeProvider _time = null!;
    private AnthropicClient _sdk = null!;

    [GlobalSetup]
    public void Setup()
    {
        _page = SimulatorPages.FetchThousandAsync().GetAwaiter().GetResult();
        _time = new FakeTimeProvider(LoopbackExporter.Start);
        _client = new BatchApiClient(new HttpClient(new FixedResponseHandler(_page)));
        _source = new ApiSource(new SourceOptions { Name = "default", ApiKey = "sk-bench", BaseUrl = "http://simulator.invalid" }, 1000, _time);
        _sdk = new AnthropicClient
        {
            ApiKey = "sk-bench",
            BaseUrl = "http://simulator.invalid",
            MaxRetries = 0,
            HttpClient = new HttpClient(new FixedResponseHandler(_page)),
        };
        if (Ours_Client().GetAwaiter().GetResult() != 1000 || Sdk_Client().GetAwaiter().GetResult() != 1000 || Ours_Parse().GetAwaiter().GetResult() != 1000)
        {
            throw new InvalidOperationException("a reader did not see the 1000 batches of the page");
        }
    }

    /// <summary>Our client's whole path for one page: request, budget, response, parse, conversion to ledger entries.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> Ours_Client()
    {
        _time.Advance(TimeSpan.FromSeconds(1)); // keeps the rolling-minute budget from pacing the loop
        var listing = new SyncListing();
        await PageReading.ReadOneAsync(_client, _source, listing);
        return listing.Batches.Count;
    }

    /// <summary>Our parse alone, from the response stream to ledger entries.</summary>
    [Benchmark]
    public async Task<int> Ours_Parse()
    {
        var listing = new SyncListing();
        using var stream = new MemoryStream(_page, writable: false);
        await PageReading.ParseAsync(stream, listing);
        return listing.Batches.Count;
    }

    /// <summary>The official SDK lists the same page and reads the fields the exporter keeps.</summary>
    [Benchmark]
    public async Task<int> Sdk_Client()
    {
        var page = await _sdk.Messages.Batches.List(new BatchListParams { Limit = 1000 });
        var n = 0;
        long sum = 0;
        foreach (var batch in page.Items)
        {
            var c = batch.RequestCounts;
            sum += batch.ID.Length + batch.ProcessingStatus.Raw().Length + c.Processing + c.Succeeded + c.Errored + c.Canceled + c.Expired
                + batch.CreatedAt.Ticks + batch.ExpiresAt.Ticks + (batch.EndedAt?.Ticks ?? 0) + (batch.CancelInitiatedAt?.Ticks ?? 0);
            n++;
        }

        GC.KeepAlive(sum);
        return n;
    }

    /// <summary>The floor: every token of the same bytes, nothing materialized.</summary>
    [Benchmark]
    public int Floor_Utf8JsonReader()
    {
        var reader = new Utf8JsonReader(_page);
        var objects = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 2)
            {
                objects++;
            }
        }

        return objects;
    }
}
