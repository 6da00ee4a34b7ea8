namespace BatchExporter.Testing;

/// <summary>The repository the tests were built from: the first folder above the test binaries that holds <c>Exporter.sln</c>.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>Gets the absolute path of a repository-relative path given in parts.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Reads a repository file, given by its repository-relative path.</summary>
    public static string Read(string relativePath) => File.ReadAllText(System.IO.Path.Combine(Path, relativePath));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Exporter.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Exporter.sln above {AppContext.BaseDirectory}");
    }
}
