using System.Collections.Concurrent;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BatchExporter.Tests.Scale;

/// <summary>The optional OTLP push, received by a loopback OTLP/HTTP endpoint standing in for a Collector.</summary>
public sealed class OtlpPushTests
{
    [Fact]
    public async Task OtlpEndpointConfigured_PushesContractMetricsWithValues()
    {
        var received = new ConcurrentQueue<byte[]>();
        var receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.Logging.ClearProviders();
        receiverBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = receiverBuilder.Build();
        receiver.MapPost("/v1/metrics", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue(body.ToArray());
            context.Response.ContentType = "application/x-protobuf";
        });
        await receiver.StartAsync();
        var endpoint = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var h = await ExporterHarness.StartAsync(
            (sim, _) =>
            {
                Scenarios.SeedHistory(sim.DefaultWorkspace, 25, TimeSpan.FromDays(1));
                sim.DefaultWorkspace.CreateBatch(7, BatchPlan.NeverFinishes);
            },
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            });

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        List<OtlpPoint> points = [];
        while (DateTime.UtcNow < deadline)
        {
            points = received.SelectMany(OtlpMetricsDecoder.Decode).ToList();
            if (points.Any(p => p.Metric == "anthropic_batches") && points.Any(p => p.Metric == "anthropic_up"))
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Contains(points, p => p.Metric == "anthropic_batches" && p.Attributes["workspace"] == "default" && p.Attributes["processing_status"] == "ended" && p.Value == 25);
        Assert.Contains(points, p => p.Metric == "anthropic_batches" && p.Attributes["processing_status"] == "in_progress" && p.Value == 1);
        Assert.Contains(points, p => p.Metric == "anthropic_batch_requests" && p.Attributes["state"] == "processing" && p.Value == 7);
        Assert.Contains(points, p => p.Metric == "anthropic_up" && p.Value == 1);
        Assert.Contains(points, p => p.Metric == "anthropic_batches_ended" && p.Attributes["reason"] == "completed" && p.Value == 0);
        Assert.Contains(points, p => p.Metric == "anthropic_batch_exporter_api_requests" && p.Attributes["endpoint"] == "list" && p.Value >= 1);
    }
}
