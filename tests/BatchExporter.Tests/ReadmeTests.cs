using BatchExporter.Tests.Metrics;

namespace BatchExporter.Tests;

/// <summary>The README's tables against the code, so they cannot drift.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void MetricsTable_ListsExactlyTheContractFamiliesWithTheirTypesAndLabels()
    {
        var rows = TableRows(RepositoryRoot.Read("docs/metrics.md"))
            .Select(cells => (Name: cells[0].Trim('`'), Type: cells[1], Labels: cells[2].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            .ToList();

        Assert.Equal(MetricContract.Families.Keys.Order(), rows.Select(r => r.Name).Order());
        foreach (var row in rows)
        {
            var (type, labels) = MetricContract.Families[row.Name];
            Assert.Equal(type, row.Type);
            Assert.Equal(labels.Order(), row.Labels.Order());
        }
    }

    [Fact]
    public void QuickStart_HasTheRunAndTestCommands()
    {
        var quickStart = Section("## Quick start");
        Assert.Contains("dotnet run --project src/BatchExporter -- --demo", quickStart, StringComparison.Ordinal);
        Assert.Contains("./test.sh", quickStart, StringComparison.Ordinal);
        Assert.Contains("./test.sh", RepositoryRoot.Read(".ci/run"), StringComparison.Ordinal);
    }

    [Fact]
    public void BuildVersion_EqualsTheChartsAppVersion()
    {
        var chart = RepositoryRoot.Read("helm/anthropic-batch-exporter/Chart.yaml");
        var appVersion = chart.Split('\n').Single(l => l.StartsWith("appVersion:", StringComparison.Ordinal))["appVersion:".Length..].Trim().Trim('"');
        Assert.Equal(appVersion, BatchExporter.BuildInfo.Version);
    }

    /// <summary>The README is a front page (at most about 250 lines); every relative link of it and of docs/ resolves.</summary>
    [Fact]
    public void Docs_ReadmeIsAFrontPageAndEveryRelativeLinkResolves()
    {
        Assert.InRange(RepositoryRoot.Read("README.md").Split('\n').Length, 40, 250);
        var pages = Directory.GetFiles(RepositoryRoot.Combine("docs"), "*.md", SearchOption.AllDirectories).Append(RepositoryRoot.Combine("README.md"));
        foreach (var page in pages)
        {
            foreach (System.Text.RegularExpressions.Match link in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(page), @"\]\(([^)#:]+)(#[^)]*)?\)"))
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, link.Groups[1].Value));
                Assert.True(File.Exists(target) || Directory.Exists(target), $"{Path.GetRelativePath(RepositoryRoot.Path, page)}: broken link {link.Groups[1].Value}");
            }
        }
    }

    private static string Section(string heading)
    {
        var readme = RepositoryRoot.Read("README.md");
        var start = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no section {heading}");
        var end = readme.IndexOf("\n## ", start + heading.Length + 2, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    private static IEnumerable<string[]> TableRows(string section) =>
        section.Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray());
}
