namespace BatchExporter.Deploy.Tests.Infrastructure;

/// <summary>Paths in the repository this test assembly was built from, and of the tools the checks run.</summary>
internal static class Repo
{
    /// <summary>Gets the repository root: the first folder above the test binaries that holds <c>Exporter.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    public static string Chart => Path.Combine(Root, "helm", "anthropic-batch-exporter");

    public static string ToolsDir => Path.Combine(Root, ".tools", "deploy");

    /// <summary>Gets the absolute path of a repository-relative path given in parts.</summary>
    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Exporter.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Exporter.sln above {AppContext.BaseDirectory}");
    }
}
