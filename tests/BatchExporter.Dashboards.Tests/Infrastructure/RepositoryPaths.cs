using System.Reflection;

namespace BatchExporter.Dashboards.Tests.Infrastructure;

/// <summary>Where the files under test and the built exporter and simulator are, found from the test assembly.</summary>
internal static class RepositoryPaths
{
    /// <summary>Gets the repository root (the folder holding Exporter.sln).</summary>
    public static string Root => RepositoryRoot.Path;

    public static string Dashboard => Path.Combine(Root, "dashboards", "anthropic-batch-exporter.json");

    public static string RulesFolder => Path.Combine(Root, "dashboards", "rules");

    public static string Rules => Path.Combine(RulesFolder, "anthropic-batch-exporter.rules.yaml");

    public static string RuleTests => Path.Combine(RulesFolder, "tests.yaml");

    public static string AlertmanagerConfig => Path.Combine(Root, "dashboards", "alertmanager.yaml");


    public static string ExporterDll => BuiltDll("BatchExporter", "BatchExporter.dll");

    public static string SimulatorDll => BuiltDll("BatchApi.Simulator", "BatchApi.Simulator.dll");

    /// <summary>The dll of a src project built in this test assembly's configuration (the project references build it).</summary>
    private static string BuiltDll(string project, string file)
    {
        var path = Path.Combine(Root, "src", project, "bin", Metadata("Configuration"), Metadata("TargetFramework"), file);
        Assert.True(File.Exists(path), $"{path} is missing: build the solution (or this test project) first.");
        return path;
    }

    private static string Metadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"No {key} metadata.");
}
