using System.Text.Json;

namespace BatchExporter.Dashboards.Tests.Infrastructure;

/// <summary>The Grafana dashboard JSON, read once: its panels (rows' nested panels included) and their queries.</summary>
internal sealed class GrafanaDashboard
{
    /// <summary>
    /// What the end-to-end test puts in place of Grafana's variables: the labels its Prometheus gives the exporter's
    /// target (<see cref="PrometheusServer.Cluster"/>, <see cref="PrometheusServer.Namespace"/>) and its job name, and workspace <c>default</c>.
    /// </summary>
    private static readonly (string Name, string Value)[] Substitutions =
    [
        ("${cluster}", PrometheusServer.Cluster),
        ("$cluster", PrometheusServer.Cluster),
        ("${namespace}", PrometheusServer.Namespace),
        ("$namespace", PrometheusServer.Namespace),
        ("${job}", PrometheusServer.Job),
        ("$job", PrometheusServer.Job),
        ("${workspace}", "default"),
        ("$workspace", "default"),
        ("${__rate_interval}", "1m"),
        ("$__rate_interval", "1m"),
        ("${__interval}", "1m"),
        ("$__interval", "1m"),
        ("${__range}", "5m"),
        ("$__range", "5m"),
    ];

    private GrafanaDashboard(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    /// <summary>Gets every panel, rows included, in file order.</summary>
    public IEnumerable<JsonElement> Panels => Flatten(Root.GetProperty("panels"));

    /// <summary>Gets every panel that is not a row.</summary>
    public IEnumerable<JsonElement> VisualPanels => Panels.Where(p => Type(p) != "row");

    /// <summary>Gets every PromQL query: the panel title, refId and expression as written.</summary>
    public IEnumerable<(string Panel, string RefId, string Expr)> Queries =>
        from panel in VisualPanels
        from target in panel.TryGetProperty("targets", out var targets) ? targets.EnumerateArray() : Enumerable.Empty<JsonElement>()
        select (Title(panel), target.GetProperty("refId").GetString() ?? "?", target.GetProperty("expr").GetString() ?? string.Empty);

    public static GrafanaDashboard Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Dashboard));
        return new GrafanaDashboard(document.RootElement.Clone());
    }

    public static string Title(JsonElement panel) =>
        panel.TryGetProperty("title", out var title) ? title.GetString() ?? "(untitled)" : "(untitled)";

    public static string Type(JsonElement panel) => panel.GetProperty("type").GetString() ?? string.Empty;

    /// <summary>The expression with the dashboard's variables replaced by fixed values (cluster, namespace and job of the test's target, workspace <c>default</c>).</summary>
    public static string Substitute(string expr)
    {
        foreach (var (name, value) in Substitutions)
        {
            expr = expr.Replace(name, value, StringComparison.Ordinal);
        }

        return expr;
    }

    /// <summary>The variable of this name in templating.list.</summary>
    public JsonElement Variable(string name) =>
        Root.GetProperty("templating").GetProperty("list").EnumerateArray()
            .SingleOrDefault(v => v.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } variable
            ? variable
            : throw new Xunit.Sdk.XunitException($"No dashboard variable named {name}.");

    private static IEnumerable<JsonElement> Flatten(JsonElement panels)
    {
        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out var nested))
            {
                foreach (var inner in Flatten(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
