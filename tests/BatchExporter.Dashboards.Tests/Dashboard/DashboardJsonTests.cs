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
