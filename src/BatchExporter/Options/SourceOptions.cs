namespace BatchExporter.Options;

/// <summary>One workspace (an API key, optionally narrowed by a workspace id) that the exporter watches.</summary>
public sealed class SourceOptions
{
    /// <summary>Gets or sets the value of the <c>workspace</c> label. Required, unique. Default source: <c>default</c>.</summary>
    [RequiredText]
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the API key. Either this or <see cref="ApiKeyFile"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets a file holding the API key; it is re-read when it changes, so keys rotate without a restart.</summary>
    public string? ApiKeyFile { get; set; }

    /// <summary>Gets or sets the API base URL. Default: <c>ANTHROPIC_BASE_URL</c>, else <c>https://api.anthropic.com</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Gets or sets the optional <c>anthropic-workspace-id</c> header, for keys that span workspaces.</summary>
    public string? WorkspaceId { get; set; }

    /// <inheritdoc/>
    public override string ToString() => Name; // never the key
}
