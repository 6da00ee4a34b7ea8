namespace BatchApi.Simulator.Http;

/// <summary>The endpoint names used by the request log and the fault filter.</summary>
public static class ApiEndpointNames
{
    /// <summary><c>GET /v1/messages/batches</c>.</summary>
    public const string List = "list";

    /// <summary><c>GET /v1/messages/batches/{id}</c>.</summary>
    public const string Retrieve = "retrieve";

    /// <summary><c>GET /v1/messages/batches/{id}/results</c>.</summary>
    public const string Results = "results";

    /// <summary>Any other path under <c>/v1</c> (answered 404).</summary>
    public const string Other = "other";

    internal static bool IsApi(string endpoint) => endpoint is List or Retrieve or Results;
}
