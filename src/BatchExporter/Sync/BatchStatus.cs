namespace BatchExporter.Sync;

/// <summary>
/// Processing status values. The API may add values; an unknown one is kept as data (it counts as not ended)
/// and interned, so a million batches share a handful of strings.
/// </summary>
internal static class BatchStatus
{
    public const string InProgress = "in_progress";
    public const string Canceling = "canceling";
    public const string Ended = "ended";

    /// <summary>The documented values, which <c>anthropic_batches</c> always reports (0 when none).</summary>
    public static readonly string[] Known = [InProgress, Canceling, Ended];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Interned = new(StringComparer.Ordinal);

    public static string Intern(string value) => value switch
    {
        InProgress => InProgress,
        Canceling => Canceling,
        Ended => Ended,
        _ => Interned.GetOrAdd(value, value),
    };

    private static readonly Lock CodesLock = new();
    private static readonly List<string> ByCode = [InProgress, Canceling, Ended];
    private static readonly Dictionary<string, int> Codes = new(StringComparer.Ordinal) { [InProgress] = 0, [Canceling] = 1, [Ended] = 2 };

    /// <summary>The code of <see cref="Ended"/>: what the ledger stores instead of a reference to the string.</summary>
    public const int EndedCode = 2;

    /// <summary>A small number for <paramref name="value"/>, the same for the process's lifetime (the ledger stores it).</summary>
    public static int Code(string value)
    {
        switch (value)
        {
            case InProgress: return 0;
            case Canceling: return 1;
            case Ended: return EndedCode;
        }

        lock (CodesLock)
        {
            if (!Codes.TryGetValue(value, out var code))
            {
                code = ByCode.Count;
                var interned = Intern(value);
                ByCode.Add(interned);
                Codes.Add(interned, code);
            }

            return code;
        }
    }

    /// <summary>The interned status of a <see cref="Code"/>.</summary>
    public static string FromCode(int code)
    {
        if (code <= EndedCode)
        {
            return code == 0 ? InProgress : code == 1 ? Canceling : Ended;
        }

        lock (CodesLock)
        {
            return ByCode[code];
        }
    }
}
