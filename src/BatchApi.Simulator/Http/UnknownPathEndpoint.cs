namespace BatchApi.Simulator.Http;

/// <summary>Any other method or path under <c>/v1</c>: 404 in the API's error shape.</summary>
internal static class UnknownPathEndpoint
{
    public static ApiResponse Produce(ApiCall call) =>
        call.NotFound($"{call.Context.Request.Method} {call.Context.Request.Path} is not simulated");
}
