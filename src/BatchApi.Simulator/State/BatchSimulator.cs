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

    public BatchSimulator(TimeProvider time, SimulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        Options = options ?? new SimulatorOptions();
        foreach (var digits in Options.TimestampFractionDigits)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(digits, nameof(SimulatorOptions.TimestampFractionDigits));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 9, nameof(SimulatorOptions.TimestampFractionDigits));
        }

        Time = time;
        ApiKey = Options.ApiKey ?? "sk-ant-sim-" + RandomNumberGenerator.GetString(Base62Chars, 40);
        Ids = new BatchIdGenerator(Options.Seed);
        DefaultWorkspace = AddWorkspace(DefaultWorkspaceId);
    }

    public TimeProvider Time { get; }

    /// <summary>The key a request must present as <c>x-api-key</c> or <c>Authorization: Bearer</c>.</summary>
    public string ApiKey { get; }

    /// <summary>The workspace <c>default</c>, used when a request has no <c>anthropic-workspace-id</c> header.</summary>
    public SimulatedWorkspace DefaultWorkspace { get; }

    public FaultInjector Faults { get; } = new();

    public RequestLog Log { get; } = new();

    internal SimulatorOptions Options { get; }

    internal object Gate { get; } = new();

    internal BatchIdGenerator Ids { get; }

    /// <summary>The base of every <c>results_url</c>, without a trailing slash.</summary>
    internal string ResultsBase =>
        (Options.ResultsBaseUrl ?? _serverBaseUrl ?? new Uri("https://api.anthropic.com")).GetLeftPart(UriPartial.Authority);

    /// <summary>Adds a workspace, selected by the request header <c>anthropic-workspace-id: id</c>.</summary>
    /// <exception cref="ArgumentException">A workspace with this id exists.</exception>
    public SimulatedWorkspace AddWorkspace(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
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

    private const string Base62Chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
}
