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

    [Fact]
    public void RunbookUrls_EveryAlert_PointsAtItsHeadingInTheDocs()
    {
        var rules = File.ReadAllText(RepositoryPaths.Rules);
        var headings = File.ReadAllLines(RepositoryPaths.DashboardsDoc)
            .Where(l => l.StartsWith("##", StringComparison.Ordinal))
            .Select(l => l.TrimStart('#').Trim())
            .ToHashSet(StringComparer.Ordinal);
        foreach (var name in RulesText.AlertNames())
        {
            Assert.Contains($"runbook_url: {RulesText.RunbookUrl(name)}\n", rules, StringComparison.Ordinal);
            Assert.True(headings.Contains(name), $"README.md has no heading '#### {name}' (the runbook_url anchor)");
        }
    }
}
