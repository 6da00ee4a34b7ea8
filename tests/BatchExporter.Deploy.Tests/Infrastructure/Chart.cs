using System.Text.Json;

namespace BatchExporter.Deploy.Tests.Infrastructure;

/// <summary>helm lint/template on the chart, and the node scripts that turn rendered YAML into JSON and validate it.</summary>
internal static class Chart
{
    /// <summary>The scenario name of the chart's default values (no values file).</summary>
    public const string Defaults = "defaults";

    private const string Release = "abe";
    private const string Namespace = "monitoring-test";

    private static readonly string ScriptDir = Repo.File("tests", "BatchExporter.Deploy.Tests", "Helm");

    /// <summary>Gets "defaults" plus the name of every <c>ci/*-values.yaml</c> file, for theories.</summary>
    public static TheoryData<string> Scenarios
    {
        get
        {
            var data = new TheoryData<string> { Defaults };
            foreach (var file in CiValuesFiles())
            {
                data.Add(Path.GetFileName(file));
            }

            return data;
        }
    }

    public static IReadOnlyList<string> CiValuesFiles() =>
        Directory.Exists(Path.Combine(Repo.Chart, "ci"))
            ? [.. Directory.GetFiles(Path.Combine(Repo.Chart, "ci"), "*-values.yaml").Order(StringComparer.Ordinal)]
            : [];

    public static Task<ToolResult> LintAsync(string scenario) =>
        Tool.RunAsync(Tool.Helm, ["lint", "--strict", Repo.Chart, .. ValuesArgs(scenario)]);

    public static Task<ToolResult> TemplateAsync(string scenario, params string[] extraArgs) =>
        Tool.RunAsync(Tool.Helm, ["template", Release, Repo.Chart, "--namespace", Namespace, .. ValuesArgs(scenario), .. extraArgs]);

    /// <summary>Renders the scenario as an install would, offline (<c>helm install --dry-run=client</c>), NOTES included.</summary>
    public static Task<ToolResult> DryRunInstallAsync(string scenario) =>
        Tool.RunAsync(Tool.Helm, ["install", Release, Repo.Chart, "--dry-run=client", "--namespace", Namespace, .. ValuesArgs(scenario)]);

    /// <summary>Renders the scenario and fails the test if helm fails.</summary>
    public static async Task<string> RenderAsync(string scenario, params string[] extraArgs)
    {
        var result = await TemplateAsync(scenario, extraArgs);
        Assert.True(result.ExitCode == 0, $"helm template ({scenario}) failed: {result.Output}");
        return result.StandardOutput;
    }

    /// <summary>Renders the scenario and returns its objects as JSON.</summary>
    public static async Task<IReadOnlyList<JsonElement>> RenderObjectsAsync(string scenario, params string[] extraArgs) =>
        await ToJsonAsync(await RenderAsync(scenario, extraArgs));

    /// <summary>Parses a YAML stream (node + the npm package yaml) into its documents as JSON.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ToJsonAsync(string yaml)
    {
        var result = await Tool.RunAsync(Tool.Node, [Path.Combine(ScriptDir, "yaml-to-json.mjs"), RequireTools()], yaml);
        Assert.True(result.ExitCode == 0, $"yaml-to-json failed: {result.Output}");
        using var doc = JsonDocument.Parse(result.StandardOutput);
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>Validates every object of a YAML stream against the kubernetes-models schemas (validate-manifests.mjs).</summary>
    public static Task<ToolResult> ValidateAsync(string yaml) =>
        Tool.RunAsync(Tool.Node, [Path.Combine(ScriptDir, "validate-manifests.mjs"), RequireTools()], yaml);

    public static JsonElement Single(IReadOnlyList<JsonElement> objects, string kind)
    {
        var matches = objects.Where(o => Kind(o) == kind).ToList();
        Assert.True(matches.Count == 1, $"expected one {kind}, found {matches.Count} among {string.Join(", ", objects.Select(Kind))}");
        return matches[0];
    }

    /// <summary>Gets every object of a kind (for example the Deployment of each shard), in rendering order.</summary>
    public static IReadOnlyList<JsonElement> All(IReadOnlyList<JsonElement> objects, string kind)
    {
        var matches = objects.Where(o => Kind(o) == kind).ToList();
        Assert.True(matches.Count > 0, $"no {kind} among {string.Join(", ", objects.Select(Kind))}");
        return matches;
    }

    public static string Kind(JsonElement o) => o.GetProperty("kind").GetString()!;

    private static string[] ValuesArgs(string scenario) =>
        scenario == Defaults ? [] : ["--values", Path.Combine(Repo.Chart, "ci", scenario)];

    private static string RequireTools()
    {
        foreach (var package in new[] { "kubernetes-models", "@kubernetes-models/prometheus-operator", "yaml" })
        {
            if (!Directory.Exists(Path.Combine(Repo.ToolsDir, "node_modules", package)))
            {
                throw new InvalidOperationException($"missing npm package {package} in {Repo.ToolsDir}: {Tool.InstallHint}");
            }
        }

        return Repo.ToolsDir;
    }
}
