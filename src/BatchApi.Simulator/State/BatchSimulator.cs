using System.Security.Cryptography;
using BatchApi.Simulator.Faults;
using BatchApi.Simulator.Recording;

namespace BatchApi.Simulator.State;

/// <summary>
/// The whole simulated API: workspaces of batches on a <see cref="TimeProvider"/>, the fault queue and the request log.
/// Thread-safe; all batch state shares one lock.
/// </summary>
public sealed class BatchSimulator
{
    /// <summary>The id of the workspace used when a request names none.</summary>
    public const string DefaultWorkspaceId = "default";

    private readonly Dictionary<string, SimulatedWorkspace> _workspaces = new(StringComparer.Ordinal);
    private Uri? _serverBaseUrl;
    private volatile string _apiKey;

    public BatchSimulator(TimeProvider time, SimulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        Options = options ?? new SimulatorOptions();
        foreach (var digits in Options.TimestampFractionDigits)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(digits, nameof(SimulatorOptions.TimestampFractionDigits));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 9, nameof(SimulatorOptions.TimestampFractionDigits));
        }

        if (Options.OrganizationRequestsPerMinute is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(SimulatorOptions.OrganizationRequestsPerMinute));
            RateLimit = new OrganizationRateLimit(limit);
        }

        if (Options.ResultsPathPrefix is { } prefix && (prefix.Length < 2 || prefix[0] != '/' || prefix.IndexOf('/', 1) >= 0))
        {
            throw new ArgumentException($"ResultsPathPrefix '{prefix}' must be one path segment such as /download.", nameof(options));
        }

        Time = time;
        _apiKey = Options.ApiKey ?? NewKey();
        Ids = new BatchIdGenerator(Options.Seed);
        DefaultWorkspace = AddWorkspace(DefaultWorkspaceId);
    }

    public TimeProvider Time { get; }

    /// <summary>The key a request must present as <c>x-api-key</c> or <c>Authorization: Bearer</c>.</summary>
    public string ApiKey => _apiKey;

    /// <summary>The workspace <c>default</c>, used when a request has no <c>anthropic-workspace-id</c> header.</summary>
    public SimulatedWorkspace DefaultWorkspace { get; }

    public FaultInjector Faults { get; } = new();

    public RequestLog Log { get; } = new();

    internal SimulatorOptions Options { get; }

    /// <summary>The organization's rate limit, when <see cref="SimulatorOptions.OrganizationRequestsPerMinute"/> is set.</summary>
    internal OrganizationRateLimit? RateLimit { get; }

    internal object Gate { get; } = new();

    internal BatchIdGenerator Ids { get; }

    /// <summary>The base of every <c>results_url</c>, without a trailing slash.</summary>
    internal string ResultsBase =>
        (Options.ResultsBaseUrl ?? _serverBaseUrl ?? new Uri("https://api.anthropic.com")).GetLeftPart(UriPartial.Authority)
        + (Options.ResultsPathPrefix ?? string.Empty);

    /// <summary>
    /// Rotates the key: <paramref name="newKey"/> (default: a new random key) is accepted from now on and the old one
    /// is revoked at once, so a request still carrying it gets 401 <c>authentication_error</c>.
    /// </summary>
    /// <returns>The new key.</returns>
    public string RotateApiKey(string? newKey = null)
    {
        var key = newKey ?? NewKey();
        ArgumentException.ThrowIfNullOrWhiteSpace(key, nameof(newKey));
        _apiKey = key;
        return key;
    }

    /// <summary>Adds a workspace, selected by the request header <c>anthropic-workspace-id: id</c>.</summary>
    /// <param name="id">A workspace id as the API has them: <c>wrkspc_</c> and letters or digits.</param>
    /// <exception cref="ArgumentException">A workspace with this id exists, or the id is not a valid workspace id.</exception>
    public SimulatedWorkspace AddWorkspace(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (!WorkspaceIds.IsValid(id))
        {
            throw new ArgumentException($"Workspace id '{id}' is not valid: use wrkspc_ followed by letters and digits.", nameof(id));
        }

        lock (Gate)
        {
            var workspace = new SimulatedWorkspace(this, id);
            if (!_workspaces.TryAdd(id, workspace))
            {
                throw new ArgumentException($"Workspace {id} already exists.", nameof(id));
            }

            return workspace;
        }
    }

    /// <exception cref="KeyNotFoundException">No such workspace.</exception>
    public SimulatedWorkspace Workspace(string id) =>
        FindWorkspace(id) ?? throw new KeyNotFoundException($"No workspace {id}.");

    internal SimulatedWorkspace? FindWorkspace(string id)
    {
        lock (Gate)
        {
            return _workspaces.GetValueOrDefault(id);
        }
    }

    /// <summary>Called by the server once it knows its address (unless the options fix the results base).</summary>
    internal void UseServerBaseUrl(Uri baseUrl)
    {
        lock (Gate)
        {
            _serverBaseUrl ??= baseUrl;
        }
    }

    private static string NewKey() => "sk-ant-sim-" + RandomNumberGenerator.GetString(Base62Chars, 40);

    private const string Base62Chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
}
