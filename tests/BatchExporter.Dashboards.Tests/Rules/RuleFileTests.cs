using BatchExporter.Dashboards.Tests.Infrastructure;

namespace BatchExporter.Dashboards.Tests.Rules;

/// <summary>What every alert must come with: unit tests both ways, a runbook, the project's naming.</summary>
public sealed class RuleFileTests
{
    /// <summary>Issue 4 asks for at least these (as named here).</summary>
    private static readonly string[] RequiredAlerts =
    [
        "AnthropicBatchRequestsErrored", "AnthropicBatchRequestsErroredRatioHigh", "AnthropicBatchRequestsExpired",
        "AnthropicBatchExpiringSoon", "AnthropicBatchStuckCanceling", "AnthropicBatchExporterDown",
        "AnthropicBatchExporterSyncStale", "AnthropicBatchExporterAuthFailing", "AnthropicBatchExporterRateLimited",
    ];

    [Fact]
    public void AlertNames_RequiredAlerts_ArePresentAndUnique()
    {
        var names = RulesText.AlertNames();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(RequiredAlerts, required => Assert.Contains(required, names));
        Assert.All(names, name => Assert.Matches("^Anthropic(Batch|BatchExporter)[A-Z][A-Za-z]+$", name));
    }

    [Fact]
    public void AlertTestCases_EveryAlert_ShownFiringAndNotFiring()
    {
        var cases = RulesText.AlertTestCases();
        var missing = RulesText.AlertNames()
            .SelectMany(name => new[] { (name, true), (name, false) })
            .Where(c => !cases.Contains(c))
            .Select(c => $"{c.name} {(c.Item2 ? "firing" : "not firing")}")
            .ToList();
        Assert.True(missing.Count == 0, $"tests.yaml has no case showing: {string.Join(", ", missing)}");
        Assert.All(cases, c => Assert.Contains(c.Alert, RulesText.AlertNames()));
    }

    /// <summary>
    /// Each runbook_url is docs/runbooks/&lt;alert in lower case&gt;.md of the project, that file exists with the parts of a
    /// runbook, and no runbook is left for an alert that is gone.
    /// </summary>
    [Fact]
    public void RunbookUrls_EveryAlert_PointsAtItsRunbookFile()
    {
        var rules = File.ReadAllText(RepositoryPaths.Rules);
        foreach (var name in RulesText.AlertNames())
        {
            Assert.Contains($"runbook_url: {RulesText.RunbookUrl(name)}\n", rules, StringComparison.Ordinal);
            var file = Path.Combine(RepositoryPaths.Root, "docs", "runbooks", RulesText.RunbookFile(name));
            Assert.True(File.Exists(file), $"no runbook for {name}: docs/runbooks/{RulesText.RunbookFile(name)}");
            var runbook = File.ReadAllText(file);
            Assert.StartsWith($"# {name}\n", runbook, StringComparison.Ordinal);
            foreach (var part in new[] { "**Meaning.**", "**Check.**", "**Act.**", "**Tuning.**" })
            {
                Assert.Contains(part, runbook, StringComparison.Ordinal);
            }
        }

        var runbooks = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs", "runbooks"), "anthropic*.md").Select(Path.GetFileName);
        Assert.Equal(RulesText.AlertNames().Select(RulesText.RunbookFile).Order(), runbooks.Order()); // no runbook of an alert that is gone
    }

    /// <summary>Every alert links the dashboard (its uid) with its cluster, namespace, job and workspace variables.</summary>
    [Fact]
    public void DashboardUrls_EveryAlert_OpensTheDashboardOnItsLabels()
    {
        var rules = File.ReadAllText(RepositoryPaths.Rules);
        var dashboard = GrafanaDashboard.Load();
        Assert.StartsWith($"/d/{dashboard.Root.GetProperty("uid").GetString()}/", RulesText.DashboardPath, StringComparison.Ordinal);
        var urls = rules.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("dashboard_url: ", StringComparison.Ordinal)).ToList();

        Assert.Equal(RulesText.AlertNames().Count, urls.Count);
        foreach (var url in urls)
        {
            Assert.StartsWith($"dashboard_url: {RulesText.DashboardPath}?", url, StringComparison.Ordinal);
            foreach (var variable in new[] { "cluster", "namespace", "job", "workspace" })
            {
                Assert.Contains($"var-{variable}={{{{ or $labels.{variable} \"$__all\" | urlquery }}}}", url, StringComparison.Ordinal);
                _ = dashboard.Variable(variable);
            }
        }
    }
}
