namespace BatchExporter.Deploy.Tests.Infrastructure;

/// <summary>One instruction of a Dockerfile, continuation lines joined.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Stage);

/// <summary>A minimal Dockerfile reader: enough to assert on stages, RUN, USER, ENV, EXPOSE, LABEL and ENTRYPOINT.</summary>
internal static class Dockerfile
{
    public static IReadOnlyList<DockerInstruction> Read(string path)
    {
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        var pending = string.Empty;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1].Trim() + " ";
                continue;
            }

            var full = (pending + line).Trim();
            pending = string.Empty;
            if (full.Length == 0)
            {
                continue;
            }

            var space = full.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? full : full[..space]).ToUpperInvariant();
            var arguments = space < 0 ? string.Empty : full[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                stage++;
            }

            instructions.Add(new DockerInstruction(keyword, arguments, stage));
        }

        return instructions;
    }
}

/// <summary>Reads <c>KEY=value KEY="quoted value"</c> pairs of ENV, LABEL and ARG instructions.</summary>
internal static partial class DockerKeyValues
{
    public static Dictionary<string, string> Parse(string arguments) =>
        Pair().Matches(arguments).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["plain"].Value);

    [System.Text.RegularExpressions.GeneratedRegex("(?<key>[^\\s=]+)=(?:\"(?<quoted>[^\"]*)\"|(?<plain>\\S*))")]
    private static partial System.Text.RegularExpressions.Regex Pair();
}
