using System.Text.Json;
using BatchExporter.Dashboards.Tests.Infrastructure;

namespace BatchExporter.Dashboards.Tests.Dashboard;

/// <summary>The Grafana dashboard's structure: variables, no fixed data source, a unit, thresholds and description everywhere.</summary>
public sealed class DashboardJsonTests
{
    private const string DatasourceRef = "${datasource}";

    private readonly GrafanaDashboard _dashboard = GrafanaDashboard.Load();

    [Fact]
    public void Templating_Datasource_IsPrometheusVariable()
    {
        var variable = _dashboard.Variable("datasource");
        Assert.Equal("datasource", variable.GetProperty("type").GetString());
        Assert.Equal("prometheus", variable.GetProperty("query").GetString());
    }

    [Fact]
    public void Templating_Workspace_IsQueryOverTheDatasourceVariable()
    {
        var variable = _dashboard.Variable("workspace");
        Assert.Equal("query", variable.GetProperty("type").GetString());
        Assert.Equal(DatasourceRef, variable.GetProperty("datasource").GetProperty("uid").GetString());
        Assert.Contains("workspace", variable.GetProperty("definition").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Datasources_EverywhereButBuiltInAnnotations_UseTheVariable()
    {
        var fixedUids = new List<string>();
        Walk(_dashboard.Root, "$", fixedUids);
        Assert.True(fixedUids.Count == 0, $"Data source uids that are not {DatasourceRef}:\n{string.Join('\n', fixedUids)}");
    }

    [Fact]
    public void Schema_TopLevel_HasUidTitleAndCurrentSchemaVersion()
    {
        Assert.Equal("anthropic-batch-exporter", _dashboard.Root.GetProperty("uid").GetString());
        Assert.False(string.IsNullOrWhiteSpace(_dashboard.Root.GetProperty("title").GetString()));
        Assert.True(_dashboard.Root.GetProperty("schemaVersion").GetInt32() >= 39);
        Assert.Equal(JsonValueKind.Null, _dashboard.Root.GetProperty("id").ValueKind);
    }

    [Fact]
    public void Rows_Titles_AreTheFourOfTheIssueAndResultsInsight()
    {
        var rows = _dashboard.Panels.Where(p => GrafanaDashboard.Type(p) == "row").Select(GrafanaDashboard.Title);
        Assert.Equal(["Overview", "Expiry", "Throughput", "Results insight", "Exporter health"], rows);
    }

    [Fact]
    public void Panels_Each_HasDescriptionUnitThresholdsAndQueries()
    {
        var problems = new List<string>();
        foreach (var panel in _dashboard.VisualPanels)
        {
            var title = GrafanaDashboard.Title(panel);
            if (!panel.TryGetProperty("description", out var description) || string.IsNullOrWhiteSpace(description.GetString()))
            {
                problems.Add($"{title}: no description");
            }

            var defaults = panel.GetProperty("fieldConfig").GetProperty("defaults");
            if (!defaults.TryGetProperty("unit", out var unit) || string.IsNullOrWhiteSpace(unit.GetString()))
            {
                problems.Add($"{title}: no unit");
            }

            if (!defaults.TryGetProperty("thresholds", out var thresholds) || thresholds.GetProperty("steps").GetArrayLength() == 0)
            {
                problems.Add($"{title}: no thresholds");
            }

            if (!panel.TryGetProperty("targets", out var targets) || targets.GetArrayLength() == 0)
            {
                problems.Add($"{title}: no queries");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Panels_IdsAndGrid_AreUniqueAndWithinWidth()
    {
        var panels = _dashboard.Panels.ToList();
        var ids = panels.Select(p => p.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(panels, p =>
        {
            var grid = p.GetProperty("gridPos");
            Assert.InRange(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32(), 1, 24);
        });
    }

    [Fact]
    public void Queries_OnWorkspaceMetrics_FilterByTheWorkspaceVariable()
    {
        var unfiltered = _dashboard.Queries
            .Where(q => !q.Expr.Contains("anthropic_batch_exporter_build_info", StringComparison.Ordinal))
            .Where(q => !q.Expr.Contains("workspace=~\"$workspace\"", StringComparison.Ordinal))
            .Select(q => $"{q.Panel} [{q.RefId}]")
            .ToList();
        Assert.True(unfiltered.Count == 0, $"Queries that ignore $workspace:\n{string.Join('\n', unfiltered)}");
    }

    [Fact]
    public void Templating_ClusterNamespaceJobWorkspace_AreChainedMultiValueQueriesWithAll()
    {
        var names = _dashboard.Root.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v => v.GetProperty("name").GetString());
        Assert.Equal(["datasource", "cluster", "namespace", "job", "workspace"], names);
        string[] chain = ["cluster", "namespace", "job", "workspace"];
        for (var i = 0; i < chain.Length; i++)
        {
            var variable = _dashboard.Variable(chain[i]);
            var definition = variable.GetProperty("definition").GetString()!;
            Assert.Equal(definition, variable.GetProperty("query").GetProperty("query").GetString());
            Assert.StartsWith("label_values(anthropic_up", definition, StringComparison.Ordinal);
            Assert.EndsWith($", {chain[i]})", definition, StringComparison.Ordinal);
            Assert.True(variable.GetProperty("includeAll").GetBoolean(), chain[i]);
            Assert.True(variable.GetProperty("multi").GetBoolean(), chain[i]);
            Assert.Equal(DatasourceRef, variable.GetProperty("datasource").GetProperty("uid").GetString());
            foreach (var before in chain[..i])
            {
                Assert.Contains($"{before}=~\"${before}\"", definition, StringComparison.Ordinal);
            }
        }

        // Without a cluster or namespace label (a Prometheus outside Kubernetes) All must still match: ".*" matches "".
        Assert.Equal(".*", _dashboard.Variable("cluster").GetProperty("allValue").GetString());
        Assert.Equal(".*", _dashboard.Variable("namespace").GetProperty("allValue").GetString());
    }

    [Fact]
    public void Queries_EverySelector_FiltersByClusterNamespaceAndJob()
    {
        var problems = new List<string>();
        foreach (var (panel, refId, expr) in _dashboard.Queries)
        {
            var selectors = expr.Count(c => c == '{');
            foreach (var variable in new[] { "cluster", "namespace", "job" })
            {
                var filters = System.Text.RegularExpressions.Regex.Count(expr, $"\\b{variable}=~\"\\${variable}\"");
                if (selectors == 0 || filters != selectors)
                {
                    problems.Add($"{panel} [{refId}]: {filters} {variable} filters for {selectors} selectors");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Queries_EveryAggregationOverWorkspace_KeepsClusterNamespaceAndJob()
    {
        var clauses = _dashboard.Queries
            .SelectMany(q => System.Text.RegularExpressions.Regex.Matches(q.Expr, @"\b(by|on) \(([^)]*)\)").Select(m => (q.Panel, Clause: m.Value, Labels: m.Groups[2].Value)))
            .Where(c => c.Labels.Contains("workspace", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(clauses);
        Assert.All(clauses, c => Assert.True(c.Labels.StartsWith("cluster, namespace, job, workspace", StringComparison.Ordinal), $"{c.Panel}: {c.Clause}"));
    }

    [Fact]
    public void Links_EveryAlert_HasItsRunbookLinkedFromAPanel()
    {
        var panelLinks = _dashboard.Panels
            .Where(p => p.TryGetProperty("links", out _))
            .SelectMany(p => p.GetProperty("links").EnumerateArray().Select(l => (Panel: GrafanaDashboard.Title(p), Title: l.GetProperty("title").GetString()!, Url: l.GetProperty("url").GetString()!)))
            .ToList();
        var alerts = RulesText.AlertNames();

        Assert.All(alerts, a => Assert.Contains(panelLinks, l => l.Url == RulesText.RunbookUrl(a) && l.Title == $"Runbook: {a}"));
        Assert.All(panelLinks, l => Assert.Contains(alerts, a => RulesText.RunbookUrl(a) == l.Url));
        var runbooks = _dashboard.Root.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("title").GetString() == "Runbooks");
        Assert.Equal(RulesText.RunbookBase.Replace("/blob/", "/tree/", StringComparison.Ordinal).TrimEnd('/'), runbooks.GetProperty("url").GetString());
    }

    /// <summary>Collects every datasource uid that is neither the variable nor Grafana's built-in annotation source.</summary>
    private static void Walk(JsonElement element, string path, List<string> fixedUids)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "datasource" && property.Value.ValueKind == JsonValueKind.Object &&
                        property.Value.TryGetProperty("uid", out var uid) &&
                        uid.GetString() is not (DatasourceRef or "-- Grafana --"))
                    {
                        fixedUids.Add($"{path}.datasource: {uid}");
                    }
                    else if (property.Name == "datasource" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        fixedUids.Add($"{path}.datasource: \"{property.Value.GetString()}\" (a name, not the variable)");
                    }

                    Walk(property.Value, $"{path}.{property.Name}", fixedUids);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", fixedUids);
                }

                break;
        }
    }
}
