namespace BatchApi.Simulator.Http;

/// <summary>Maps the simulated Message Batches API.</summary>
internal static class ApiEndpoints
{
    public static void MapBatchesApi(this IEndpointRouteBuilder endpoints, ApiPipeline pipeline)
    {
        endpoints.MapGet("/v1/messages/batches", pipeline.Endpoint(ApiEndpointNames.List, ListBatchesEndpoint.Produce));
        endpoints.MapGet("/v1/messages/batches/{id}", pipeline.Endpoint(ApiEndpointNames.Retrieve, RetrieveBatchEndpoint.Produce));
        endpoints.MapGet("/v1/messages/batches/{id}/results", pipeline.Endpoint(ApiEndpointNames.Results, BatchResultsEndpoint.Produce));
        endpoints.MapGet("/{prefix}/v1/messages/batches/{id}/results", pipeline.Endpoint(ApiEndpointNames.Results, BatchResultsEndpoint.Produce));
        endpoints.Map("/v1/{**rest}", pipeline.Endpoint(ApiEndpointNames.Other, UnknownPathEndpoint.Produce));
    }
}
