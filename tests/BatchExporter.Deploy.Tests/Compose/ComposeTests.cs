using System.Text.Json;
using BatchExporter.Deploy.Tests.Infrastructure;

namespace BatchExporter.Deploy.Tests.Compose;

/// <summary>
/// deploy/compose cannot be started here (no Docker engine), so its wiring is checked: the exporter is this
/// repository's image in --demo, the rules and the dashboard are the files of dashboards/ (mounted, not copied), and
/// Prometheus' configuration with its mounts laid out as in the container passes <c>promtool check config</c>.
/// </summary>
public sealed class ComposeTests
{
    private static readonly string ComposeDir = Repo.File("deploy", "compose");

    [Fact]
    public async Task Exporter_IsTheRepositoryImageInDemoMode()
    {
        var exporter = (await Services()).GetProperty("exporter");

        var build = exporter.GetProperty("build");
        Assert.Equal(Repo.Root.TrimEnd('/'), Path.GetFullPath(Path.Combine(ComposeDir, build.GetProperty("context").GetString()!)).TrimEnd('/'));
        Assert.Equal("Dockerfile", build.GetProperty("dockerfile").GetString());
        Assert.Equal(["--demo"], exporter.GetProperty("command").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("127.0.0.1:9464:9464", exporter.GetProperty("ports").EnumerateArray().Select(e => e.GetString()));
        Assert.True(exporter.GetProperty("read_only").GetBoolean());
    }

    [Theory]
    [InlineData("prometheus", "dashboards/rules/anthropic-batch-exporter.rules.yaml")]
    [InlineData("grafana", "dashboards/anthropic-batch-exporter.json")]
    public async Task Service_MountsTheFileFromDashboards(string service, string file)
    {
        var mounts = Mounts((await Services()).GetProperty(service));

        Assert.Contains(Repo.File(file), mounts.Select(m => m.Source));
        Assert.All(mounts, m => Assert.True(File.Exists(m.Source) || Directory.Exists(m.Source), $"{service} mounts {m.Source}, which does not exist"));
    }

    [Fact]
    public async Task PrometheusConfig_WithItsMounts_PassesPromtoolAndLoadsTheRules()
    {
        var prometheus = (await Services()).GetProperty("prometheus");
        var root = Directory.CreateTempSubdirectory("abe-compose-").FullName;
        try
        {
            foreach (var (source, target) in Mounts(prometheus))
            {
                var staged = Path.Combine(root, target.TrimStart('/'));
                Directory.CreateDirectory(Path.GetDirectoryName(staged)!);
                File.Copy(source, staged);
            }

            var config = prometheus.GetProperty("command").EnumerateArray().Select(a => a.GetString()!)
                .Single(a => a.StartsWith("--config.file=", StringComparison.Ordinal))["--config.file=".Length..];
            var result = await Tool.RunAsync(Tool.OnPath("promtool"), ["check", "config", Path.Combine(root, config.TrimStart('/'))]);

            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains("anthropic-batch-exporter.rules.yaml", result.Output);
            Assert.Contains("SUCCESS: 1 rule files found", result.Output);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task PrometheusConfig_ScrapesTheExporterService()
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(ComposeDir, "prometheus", "prometheus.yml"));

        var config = Assert.Single(await Chart.ToJsonAsync(yaml));
        var job = Assert.Single(config.GetProperty("scrape_configs").EnumerateArray());
        Assert.Equal("exporter:9464", job.GetProperty("static_configs")[0].GetProperty("targets")[0].GetString());
    }

    [Fact]
    public async Task GrafanaProvisioning_LoadsTheMountedDashboardFromPrometheus()
    {
        var grafana = (await Services()).GetProperty("grafana");
        var provisioning = Path.Combine(ComposeDir, "grafana", "provisioning");

        var provider = Assert.Single(await Chart.ToJsonAsync(await File.ReadAllTextAsync(Path.Combine(provisioning, "dashboards", "anthropic-batch-exporter.yaml"))));
        var folder = provider.GetProperty("providers")[0].GetProperty("options").GetProperty("path").GetString();
        var dashboardTarget = Mounts(grafana).Single(m => m.Source == Repo.File("dashboards", "anthropic-batch-exporter.json")).Target;
        Assert.Equal(folder, Path.GetDirectoryName(dashboardTarget));
        Assert.Contains(Mounts(grafana), m => m.Source == provisioning && m.Target == "/etc/grafana/provisioning");

        var datasources = Assert.Single(await Chart.ToJsonAsync(await File.ReadAllTextAsync(Path.Combine(provisioning, "datasources", "prometheus.yaml"))));
        var datasource = Assert.Single(datasources.GetProperty("datasources").EnumerateArray());
        Assert.Equal("prometheus", datasource.GetProperty("type").GetString());
        Assert.Equal("http://prometheus:9090", datasource.GetProperty("url").GetString());
    }

    private static async Task<JsonElement> Services()
    {
        var compose = Assert.Single(await Chart.ToJsonAsync(await File.ReadAllTextAsync(Path.Combine(ComposeDir, "compose.yaml"))));
        return compose.GetProperty("services");
    }

    private static List<(string Source, string Target)> Mounts(JsonElement service) =>
        [.. service.GetProperty("volumes").EnumerateArray().Select(v => v.GetString()!.Split(':')).Select(p =>
            (Path.GetFullPath(Path.Combine(ComposeDir, p[0])).TrimEnd('/'), p[1]))];
}
