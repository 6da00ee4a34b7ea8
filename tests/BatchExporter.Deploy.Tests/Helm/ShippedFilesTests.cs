using System.Text.Json;
using BatchExporter.Deploy.Tests.Infrastructure;

namespace BatchExporter.Deploy.Tests.Helm;

/// <summary>
/// Helm cannot read files outside the chart, so the chart ships a copy of the dashboard from dashboards/. It must stay
/// the same bytes: after editing dashboards/, copy the file into helm/anthropic-batch-exporter/files/. The rules go the
/// other way: the chart generates them, and dashboards/rules/ holds its default render (RulesRenderTests).
/// </summary>
public sealed class ShippedFilesTests
{
    public static TheoryData<string, string> Copies => new()
    {
        { "dashboards/anthropic-batch-exporter.json", "helm/anthropic-batch-exporter/files/anthropic-batch-exporter.json" },
    };

    [Theory]
    [MemberData(nameof(Copies))]
    public void ChartCopy_IsByteIdenticalToDashboardsFile(string source, string copy)
    {
        var sourcePath = Repo.File(source);
        var copyPath = Repo.File(copy);
        Assert.True(File.Exists(sourcePath), $"{source} is missing");
        Assert.True(File.Exists(copyPath), $"{copy} is missing: cp {source} {copy}");

        Assert.True(
            File.ReadAllBytes(sourcePath).AsSpan().SequenceEqual(File.ReadAllBytes(copyPath)),
            $"{copy} differs from {source}: cp {source} {copy}");
    }

    [Fact]
    public async Task DashboardConfigMap_HoldsTheDashboardFileExactly()
    {
        var objects = await Chart.RenderObjectsAsync("everything-enabled-values.yaml");

        var configMap = Chart.Single(objects, "ConfigMap");
        Assert.Equal(
            File.ReadAllText(Repo.File("dashboards", "anthropic-batch-exporter.json")),
            configMap.GetProperty("data").GetProperty("anthropic-batch-exporter.json").GetString());
        Assert.Equal("1", configMap.GetProperty("metadata").GetProperty("labels").GetProperty("grafana_dashboard").GetString());
    }

    [Fact]
    public async Task PrometheusRule_HoldsTheRuleFileGroupsThenExtraGroups()
    {
        var objects = await Chart.RenderObjectsAsync("everything-enabled-values.yaml");
        var ruleFile = Assert.Single(await Chart.ToJsonAsync(File.ReadAllText(Repo.File("dashboards", "rules", "anthropic-batch-exporter.rules.yaml"))));

        var expected = ruleFile.GetProperty("groups").EnumerateArray().ToList();
        var rendered = Chart.Single(objects, "PrometheusRule").GetProperty("spec").GetProperty("groups").EnumerateArray().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count + 1, rendered.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(JsonElement.DeepEquals(expected[i], rendered[i]), $"group {i} differs:\n{expected[i]}\n{rendered[i]}");
        }

        Assert.Equal("anthropic-batch-exporter.custom", rendered[^1].GetProperty("name").GetString());
    }
}
