namespace BatchExporter.Api;

/// <summary>Told about every HTTP attempt the API client makes, retries included. The metrics layer counts them.</summary>
internal interface IApiObserver
{
    void OnAttempt(ApiAttempt attempt);
}

/// <summary>One HTTP attempt: the source, the endpoint (<c>list</c>, <c>retrieve</c>, <c>results</c>) and the HTTP status or <c>network</c>/<c>timeout</c>.</summary>
internal readonly record struct ApiAttempt(string Workspace, string Endpoint, string Code);
