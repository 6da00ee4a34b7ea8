using System.Buffers;
using System.Text;
using System.Text.Json;
using BatchApi.Simulator.Json;

namespace BatchApi.Simulator.Http;

/// <summary>A fully rendered response (status, headers, body), so faults can cut it and the log can record its
/// status before anything is sent.</summary>
internal sealed class ApiResponse
{
    private const string JsonContentType = "application/json";

    private readonly Func<Stream, bool, CancellationToken, Task>? _stream;

    private ApiResponse(int statusCode, ReadOnlyMemory<byte> body, string contentType, string? retryAfter = null)
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
        RetryAfter = retryAfter;
    }

    private ApiResponse(int statusCode, string contentType, Func<Stream, bool, CancellationToken, Task> stream, bool truncated)
        : this(statusCode, ReadOnlyMemory<byte>.Empty, contentType)
    {
        _stream = stream;
        IsTruncated = truncated;
    }

    /// <summary>Gets a value indicating whether a streamed body stops half-way and the connection is cut.</summary>
    public bool IsTruncated { get; }

    public int StatusCode { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public string ContentType { get; }

    public string? RetryAfter { get; }

    /// <summary>Gets the body's length in bytes, or null for a streamed body.</summary>
    public long? KnownLength => _stream is null ? Body.Length : null;

    public static ApiResponse Json(int statusCode, Action<Utf8JsonWriter> write) =>
        new(statusCode, Render(write), JsonContentType);

    public static ApiResponse Error(int statusCode, string errorType, string message, string requestId, string? retryAfter = null, string? errorCode = null) =>
        new(statusCode, Render(w => ErrorJson.Write(w, errorType, message, requestId, errorCode)), JsonContentType, retryAfter);

    public static ApiResponse Text(int statusCode, string body, string contentType) =>
        new(statusCode, Encoding.UTF8.GetBytes(body), contentType);

    public static ApiResponse Bytes(int statusCode, ReadOnlyMemory<byte> body, string contentType) =>
        new(statusCode, body, contentType);

    /// <summary>
    /// A body written as it is generated (chunked, no length), so a file of hundreds of MB never sits in memory.
    /// <paramref name="write"/> gets the body stream and whether to stop half-way.
    /// </summary>
    public static ApiResponse Streamed(int statusCode, string contentType, Func<Stream, bool, CancellationToken, Task> write) =>
        new(statusCode, contentType, write, truncated: false);

    /// <summary>
    /// The same response with the body cut in half (at least one byte removed). A streamed body stops half-way and the
    /// connection is then aborted, as an interrupted download.
    /// </summary>
    public ApiResponse Truncated() => _stream is not null
        ? new(StatusCode, ContentType, _stream, truncated: true)
        : new(StatusCode, Body[..(Body.Length / 2)], ContentType, RetryAfter);

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        if (_stream is not null)
        {
            await _stream(response.Body, IsTruncated, cancellationToken);
            if (IsTruncated)
            {
                throw new OperationCanceledException("truncated stream"); // the pipeline aborts the connection
            }

            return;
        }

        response.ContentLength = Body.Length;
        if (RetryAfter is not null)
        {
            response.Headers.RetryAfter = RetryAfter;
        }

        await response.Body.WriteAsync(Body, cancellationToken);
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
