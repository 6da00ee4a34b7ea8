using BatchExporter.Options;

namespace BatchExporter.Api;

/// <summary>Everything the client needs to call the API for one configured source.</summary>
internal sealed class ApiSource : IDisposable
{
    /// <param name="options">The source.</param>
    /// <param name="maxRequestsPerMinute">The source's own budget.</param>
    /// <param name="time">The clock.</param>
    /// <param name="processBudget">The budget every source of the process shares, if one is configured.</param>
    public ApiSource(SourceOptions options, int maxRequestsPerMinute, TimeProvider time, RequestBudget? processBudget = null)
    {
        Name = options.Name;
        BaseUrl = new Uri(options.BaseUrl!.TrimEnd('/') + "/", UriKind.Absolute);
        WorkspaceId = options.WorkspaceId;
        Key = options.ApiKeyFile is { } file ? ApiKeyProvider.FromFile(file) : ApiKeyProvider.FromValue(options.ApiKey!);
        Budget = new RequestBudget(maxRequestsPerMinute, time, processBudget);
    }

    /// <summary>Gets the source name: the <c>workspace</c> label.</summary>
    public string Name { get; }

    public Uri BaseUrl { get; }

    public string? WorkspaceId { get; }

    public ApiKeyProvider Key { get; }

    public RequestBudget Budget { get; }

    public void Dispose() => Budget.Dispose();

    /// <inheritdoc/>
    public override string ToString() => Name;
}
