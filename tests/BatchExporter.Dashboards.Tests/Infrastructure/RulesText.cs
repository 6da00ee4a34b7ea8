using System.Text.RegularExpressions;

namespace BatchExporter.Dashboards.Tests.Infrastructure;

/// <summary>
/// What the static tests read from the rule files as text (no YAML library: the files have one fixed shape, and
/// Prometheus itself parses them in the end-to-end test).
/// </summary>
internal static partial class RulesText
{
    /// <summary>The default of the chart's prometheusRule.runbookUrlBase.</summary>
    public const string RunbookBase = "https://github.com/anthropic-batch-exporter/anthropic-batch-exporter/blob/main/docs/runbooks/";

    /// <summary>The path of the dashboard in Grafana (its uid, then its title's slug), which every dashboard_url starts with.</summary>
    public const string DashboardPath = "/d/anthropic-batch-exporter/anthropic-message-batches";

    /// <summary>The alert names, in file order.</summary>
    public static IReadOnlyList<string> AlertNames() =>
        [.. AlertLine().Matches(File.ReadAllText(RepositoryPaths.Rules)).Select(m => m.Groups[1].Value)];

    /// <summary>The runbook of an alert: docs/runbooks/&lt;alert name in lower case&gt;.md.</summary>
    public static string RunbookUrl(string alert) => RunbookBase + RunbookFile(alert);

    /// <summary>The file name of an alert's runbook under docs/runbooks/.</summary>
    public static string RunbookFile(string alert) => alert.ToLowerInvariant() + ".md";

    /// <summary>
    /// The alert_rule_test cases of tests.yaml: alert name and whether the case expects it firing (a non-empty
    /// exp_alerts list) or not (<c>exp_alerts: []</c>).
    /// </summary>
    public static IReadOnlyList<(string Alert, bool Firing)> AlertTestCases()
    {
        var lines = File.ReadAllLines(RepositoryPaths.RuleTests);
        var cases = new List<(string, bool)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (AlertNameLine().Match(lines[i]) is not { Success: true } name)
            {
                continue;
            }

            var expected = lines.Skip(i + 1).Select(l => l.Trim()).First(l => l.StartsWith("exp_alerts:", StringComparison.Ordinal));
            cases.Add((name.Groups[1].Value, expected != "exp_alerts: []"));
        }

        return cases;
    }

    [GeneratedRegex(@"^\s*- alert:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AlertLine();

    [GeneratedRegex(@"^\s*- alertname:\s*(\S+)\s*$")]
    private static partial Regex AlertNameLine();
}
