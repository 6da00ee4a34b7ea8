using System.Text;
using System.Text.RegularExpressions;

namespace BatchExporter.Deploy.Tests.Infrastructure;

/// <summary>
/// The Docker build context as <c>docker build .</c> sends it: the repository minus what <c>.dockerignore</c> excludes.
/// Follows Docker's rules: patterns are cleaned paths with <c>*</c>, <c>?</c> and <c>**</c>; a pattern that matches a
/// folder excludes what is inside it; <c>!</c> re-includes; the last matching pattern wins.
/// </summary>
internal sealed class DockerContext
{
    private readonly List<(Regex Pattern, string Text, bool Include)> _rules = [];

    public DockerContext(string dockerIgnoreText)
    {
        foreach (var raw in dockerIgnoreText.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var include = line.StartsWith('!');
            var pattern = Clean(include ? line[1..].Trim() : line);
            _rules.Add((new Regex(ToRegex(pattern), RegexOptions.CultureInvariant), pattern, include));
        }
    }

    public static DockerContext FromRepository() => new(File.ReadAllText(Repo.File(".dockerignore")));

    /// <summary>Whether a repository-relative path (with <c>/</c>) is left out of the context.</summary>
    public bool IsExcluded(string relativePath)
    {
        var excluded = false;
        var parents = Parents(relativePath).ToList();
        foreach (var (pattern, _, include) in _rules)
        {
            if (parents.Any(pattern.IsMatch))
            {
                excluded = !include;
            }
        }

        return excluded;
    }

    /// <summary>Copies the context of <paramref name="root"/> into <paramref name="destination"/>; returns the copied relative paths.</summary>
    public List<string> CopyTo(string root, string destination)
    {
        var copied = new List<string>();
        Walk(new DirectoryInfo(root), string.Empty, destination, copied);
        return copied;
    }

    private void Walk(DirectoryInfo dir, string relative, string destination, List<string> copied)
    {
        foreach (var entry in dir.EnumerateFileSystemInfos())
        {
            var path = relative.Length == 0 ? entry.Name : $"{relative}/{entry.Name}";
            if (entry is DirectoryInfo sub)
            {
                // Skip a folder only if it is excluded and no exception could bring back something inside it.
                if (IsExcluded(path) && !_rules.Any(r => r.Include && CouldMatchInside(r.Text, path)))
                {
                    continue;
                }

                if (sub.LinkTarget is null)
                {
                    Walk(sub, path, destination, copied);
                }
            }
            else if (!IsExcluded(path))
            {
                var target = Path.Combine(destination, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(entry.FullName, target);
                File.SetUnixFileMode(target, File.GetUnixFileMode(entry.FullName));
                copied.Add(path);
            }
        }
    }

    private static bool CouldMatchInside(string pattern, string folder) =>
        pattern.StartsWith("**", StringComparison.Ordinal) || pattern.StartsWith(folder + "/", StringComparison.Ordinal) || pattern.Split('/')[0].Contains('*', StringComparison.Ordinal);

    private static IEnumerable<string> Parents(string path)
    {
        var parts = path.Split('/');
        for (var i = 1; i <= parts.Length; i++)
        {
            yield return string.Join('/', parts[..i]);
        }
    }

    private static string Clean(string pattern)
    {
        var parts = pattern.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".");
        return string.Join('/', parts);
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                {
                    i++;
                    regex.Append("(.*/)?");
                }
                else
                {
                    regex.Append(".*");
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return regex.Append('$').ToString();
    }
}
