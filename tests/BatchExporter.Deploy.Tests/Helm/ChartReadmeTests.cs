using System.Text.Json;
using System.Text.Json.Nodes;
using BatchExporter.Deploy.Tests.Infrastructure;

namespace BatchExporter.Deploy.Tests.Helm;

/// <summary>
/// The chart's README.md values table is generated from the <c># --</c> comments of values.yaml by
/// scripts/chart-readme.mjs: it must be current, and the script must refuse values.yaml and values.schema.json that
/// disagree.
/// </summary>
public sealed class ChartReadmeTests
{
    private static readonly string Script = Repo.File("scripts", "chart-readme.mjs");

    [Fact]
    public async Task ChartReadme_ValuesTable_IsWhatTheScriptGenerates()
    {
        var result = await RunAsync("--check", Repo.Chart);

        Assert.True(result.ExitCode == 0, $"{result.Output}\nrun: node scripts/chart-readme.mjs");
        Assert.Contains("up to date", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("global.imageRegistry")]
    [InlineData("logFormat")]
    [InlineData("extraEnvFrom")]
    [InlineData("startupProbe")]
    [InlineData("serviceMonitor.jobLabel")]
    [InlineData("serviceMonitor.sampleLimit")]
    [InlineData("serviceMonitor.targetLimit")]
    [InlineData("existingSecret.name")]
    public void ChartReadme_Table_HasARowPerValue(string key)
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Chart, "README.md"));

        Assert.Contains($"\n| `{key}` | ", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChartReadme_ValueAddedButNotRegenerated_CheckFailsThenRegenerationAddsTheRow()
    {
        using var chart = new ChartCopy();
        chart.AppendValue("# -- A knob for this test.\nnewKnob: 7\n", "newKnob", new JsonObject { ["type"] = "integer" });

        var stale = await RunAsync("--check", chart.Dir);
        var write = await RunAsync(chart.Dir);
        var fresh = await RunAsync("--check", chart.Dir);

        Assert.Equal(1, stale.ExitCode);
        Assert.Contains("out of date", stale.StandardError, StringComparison.Ordinal);
        Assert.True(write.ExitCode == 0, write.Output);
        Assert.Contains("| `newKnob` | integer | `7` | A knob for this test. |", File.ReadAllText(Path.Combine(chart.Dir, "README.md")), StringComparison.Ordinal);
        Assert.True(fresh.ExitCode == 0, fresh.Output);
    }

    [Fact]
    public async Task ChartReadme_UndocumentedValue_IsRefusedByName()
    {
        using var chart = new ChartCopy();
        chart.AppendValue("bareKnob: true\n", "bareKnob", new JsonObject { ["type"] = "boolean" });

        var result = await RunAsync("--check", chart.Dir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bareKnob has no \"# --\" description", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChartReadme_ValueMissingFromSchema_IsRefusedByName()
    {
        using var chart = new ChartCopy();
        chart.AppendValue("# -- Documented, but the schema lacks it.\nghostKnob: 1\n", null, null);

        var result = await RunAsync("--check", chart.Dir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no property for ghostKnob", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChartReadme_SchemaPropertyMissingFromValues_IsRefusedByName()
    {
        using var chart = new ChartCopy();
        chart.AppendValue(string.Empty, "orphanKnob", new JsonObject { ["type"] = "string" });

        var result = await RunAsync("--check", chart.Dir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no orphanKnob, which values.schema.json has", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_ShipsTheReadme()
    {
        var dir = Directory.CreateTempSubdirectory("abe-package-").FullName;
        try
        {
            var result = await Tool.RunAsync(Tool.Helm, ["package", Repo.Chart, "--destination", dir]);
            Assert.True(result.ExitCode == 0, result.Output);
            var listing = await Tool.RunAsync("tar", ["-tzf", Directory.GetFiles(dir, "*.tgz").Single()]);

            Assert.Contains("anthropic-batch-exporter/README.md", listing.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Task<ToolResult> RunAsync(params string[] args) =>
        Tool.RunAsync(Tool.Node, [Script, .. args], environment: new Dictionary<string, string?> { ["TOOLS_DIR"] = Repo.ToolsDir });

    /// <summary>values.yaml, values.schema.json and README.md of the chart in a temporary folder.</summary>
    private sealed class ChartCopy : IDisposable
    {
        public ChartCopy()
        {
            Dir = Directory.CreateTempSubdirectory("abe-chart-readme-").FullName;
            foreach (var file in new[] { "values.yaml", "values.schema.json", "README.md" })
            {
                File.Copy(Path.Combine(Repo.Chart, file), Path.Combine(Dir, file));
            }
        }

        public string Dir { get; }

        /// <summary>Appends YAML to values.yaml and, when <paramref name="schemaKey"/> is given, a top-level property to the schema.</summary>
        public void AppendValue(string yaml, string? schemaKey, JsonObject? schema)
        {
            File.AppendAllText(Path.Combine(Dir, "values.yaml"), "\n" + yaml);
            if (schemaKey is not null)
            {
                var path = Path.Combine(Dir, "values.schema.json");
                var root = JsonNode.Parse(File.ReadAllText(path))!;
                root["properties"]![schemaKey] = schema;
                File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
        }

        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }
}
