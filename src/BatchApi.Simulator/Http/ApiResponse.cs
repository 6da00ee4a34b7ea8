using System.Buffers;
using System.Text;
using System.Text.Json;

namespace BatchApi.Simulator;

/// <summary>A fully rendered response (status, headers, body), so faults can cut it and the log can record its
/// status before anything is sent.</summary>
internal sealed class ApiResponse
{
    private const string JsonContentType = "application/json";

    private ApiResponse(int statusCode, ReadOnlyMemory<byte> body, string contentType, string? retryAfter = null)
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
        RetryAfter = retryAfter;
    }

    public int StatusCode { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public string ContentType { get; }

    public string? RetryAfter { get; }

    public static ApiResponse Json(int statusCode, Action<Utf8JsonWriter> write) =>
        new(statusCode, Render(write), JsonContentType);

    public static ApiResponse Error(int statusCode, string errorType, string message, string requestId, string? retryAfter = null) =>
        new(statusCode, Render(w => ErrorJson.Write(w, errorType, message, requestId)), JsonContentType, retryAfter);

    public static ApiResponse Text(int statusCode, string body, string contentType) =>
        new(statusCode, Encoding.UTF8.GetBytes(body), contentType);

    public static ApiResponse Bytes(int statusCode, ReadOnlyMemory<byte> body, string contentType) =>
        new(statusCode, body, contentType);

    /// <summary>The same response with the body cut in half (at least one byte removed).</summary>
    public ApiResponse Truncated() =>
        new(StatusCode, Body[..(Body.Length / 2)], ContentType, RetryAfter);

    public Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        response.ContentLength = Body.Length;
        if (RetryAfter is not null)
        {
            response.Headers.RetryAfter = RetryAfter;
        }

        return response.Body.WriteAsync(Body, cancellationToken).AsTask();
    }

    private static ReadOnlyMemory<byte> Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            write(writer);
        }

        return buffer.WrittenMemory;
    }
}
