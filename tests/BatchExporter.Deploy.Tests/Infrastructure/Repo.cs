namespace BatchExporter.Deploy.Tests.Infrastructure;

/// <summary>Paths in the repository this test assembly was built from.</summary>
internal static class Repo
{
    /// <summary>Gets the repository root: the first folder above the test binaries that holds <c>Exporter.sln</c>.</summary>
    public static string Root => RepositoryRoot.Path;

    public static string Chart => Path.Combine(Root, "helm", "anthropic-batch-exporter");

    public static string ToolsDir => Path.Combine(Root, ".tools", "deploy");

    /// <summary>Gets the absolute path of a repository-relative path given in parts.</summary>
    public static string File(params string[] parts) => RepositoryRoot.Combine(parts);
}
