using System.Text.RegularExpressions;
using BatchExporter.Deploy.Tests.Infrastructure;

namespace BatchExporter.Deploy.Tests.Release;

/// <summary>
/// One project home everywhere: Chart.yaml, values.yaml, the READMEs, the workflows, the Dockerfile, the dashboard
/// and the rules name the same repository, image and chart repository, and no other spelling of them.
/// </summary>
public sealed partial class ProjectHomeTests
{
    /// <summary>Files that link to the project, its image or its chart (paths relative to the repository).</summary>
    private static readonly string[] LinkingFiles =
    [
        "README.md", "SECURITY.md", "CONTRIBUTING.md", "Dockerfile",
        "helm/anthropic-batch-exporter/Chart.yaml", "helm/anthropic-batch-exporter/values.yaml", "helm/anthropic-batch-exporter/README.md",
        ".github/workflows/ci.yml", ".github/workflows/release.yml",
    ];

    [Fact]
    public async Task ChartYaml_HomeAndSources_AreTheRepository()
    {
        var chart = Assert.Single(await Chart.ToJsonAsync(File.ReadAllText(Path.Combine(Repo.Chart, "Chart.yaml"))));

        Assert.Equal(ProjectHome.Repository, chart.GetProperty("home").GetString());
        Assert.Equal([ProjectHome.Repository], chart.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task ValuesYaml_DefaultImage_IsTheProjectImage()
    {
        var values = Assert.Single(await Chart.ToJsonAsync(File.ReadAllText(Path.Combine(Repo.Chart, "values.yaml"))));
        var image = values.GetProperty("image");

        Assert.Equal(ProjectHome.Image, $"{image.GetProperty("registry").GetString()}/{image.GetProperty("repository").GetString()}");
    }

    [Fact]
    public void ReleaseWorkflow_PushesTheProjectImageAndChart()
    {
        var workflow = File.ReadAllText(Repo.File(".github", "workflows", "release.yml"));

        Assert.Contains($"IMAGE: {ProjectHome.Image}\n", workflow, StringComparison.Ordinal);
        Assert.Contains($"CHART_REPOSITORY: {ProjectHome.ChartRepository}\n", workflow, StringComparison.Ordinal);
        Assert.Contains($"SOURCE: {ProjectHome.Repository}\n", workflow, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("helm/anthropic-batch-exporter/README.md")]
    public void Readme_NamesRepositoryImageAndChart(string readme)
    {
        var text = File.ReadAllText(Repo.File(readme));

        Assert.Contains(ProjectHome.Repository, text, StringComparison.Ordinal);
        Assert.Contains(ProjectHome.Image, text, StringComparison.Ordinal);
        Assert.Contains(ProjectHome.ChartRepository + "/anthropic-batch-exporter", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryLink_ToTheProject_UsesTheCanonicalHome()
    {
        var files = LinkingFiles
            .Concat(Directory.GetFiles(Repo.File("dashboards"), "*.json").Select(f => Path.GetRelativePath(Repo.Root, f)))
            .Concat(Directory.GetFiles(Repo.File("dashboards", "rules"), "*.yaml").Select(f => Path.GetRelativePath(Repo.Root, f)))
            .ToList();

        var links = files.SelectMany(f => ProjectLinks(File.ReadAllText(Repo.File(f))).Select(l => (File: f, l.Link, l.Canonical))).ToList();

        Assert.Empty(links.Where(l => !l.Canonical).Select(l => $"{l.File}: {l.Link}"));
        // Each names the project at least once (values.yaml splits the image into registry and repository; ci.yml links nowhere).
        Assert.All(LinkingFiles.Except(["helm/anthropic-batch-exporter/values.yaml", ".github/workflows/ci.yml"]), f => Assert.Contains(links, l => l.File == f));
    }

    [Theory]
    [InlineData("https://github.com/anthropics/anthropic-batch-exporter/blob/main/README.md")]
    [InlineData("https://github.com/anthropic-batch-exporter/batch-exporter")]
    [InlineData("image: ghcr.io/someone/anthropic-batch-exporter:0.1.0")]
    [InlineData("docker.io/x and https://github.com/OWNER/REPO")]
    public void ProjectLinks_OtherSpelling_IsNotCanonical(string text)
    {
        Assert.Contains(ProjectLinks(text), l => !l.Canonical);
    }

    [Fact]
    public void ProjectLinks_OtherProjects_AreIgnored()
    {
        var links = ProjectLinks("https://github.com/kubernetes/kube-state-metrics and ghcr.io/prometheus/node-exporter and "
            + ProjectHome.Repository + "/blob/main/README.md#runbooks and " + ProjectHome.ChartRepository);

        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.True(l.Canonical, l.Link));
    }

    /// <summary>Links on github.com or ghcr.io that name this project (owner or name contains batch-exporter), or a placeholder.</summary>
    private static List<(string Link, bool Canonical)> ProjectLinks(string text)
    {
        var links = new List<(string, bool)>();
        foreach (Match m in HostedPath().Matches(text))
        {
            var (host, owner, name) = (m.Groups["host"].Value, m.Groups["owner"].Value, m.Groups["name"].Value.TrimEnd('.'));
            if (owner == "OWNER")
            {
                links.Add((m.Value, false));
            }
            else if (owner.Contains("batch-exporter", StringComparison.OrdinalIgnoreCase) || name.Contains("batch-exporter", StringComparison.OrdinalIgnoreCase))
            {
                var canonical = owner == ProjectHome.Owner && (host == "github.com" ? name == "anthropic-batch-exporter" : name is "anthropic-batch-exporter" or "charts");
                links.Add((m.Value, canonical));
            }
        }

        return links;
    }

    [GeneratedRegex(@"(?<host>github\.com|ghcr\.io)/(?<owner>[A-Za-z0-9_.-]+)/(?<name>[A-Za-z0-9_.-]+)")]
    private static partial Regex HostedPath();
}
