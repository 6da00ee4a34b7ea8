namespace BatchExporter.Api;

/// <summary>
/// The API key of one source: a fixed value, or the contents of a file that is re-read whenever its
/// modification time or size changes, so a rotated Kubernetes secret takes effect without a restart.
/// </summary>
internal sealed class ApiKeyProvider
{
    private readonly string? _fixedKey;
    private readonly string? _path;
    private readonly Lock _gate = new();
    private (DateTime WriteTime, long Length) _stamp;
    private string? _fileKey;

    private ApiKeyProvider(string? fixedKey, string? path)
    {
        _fixedKey = fixedKey;
        _path = path;
    }

    public static ApiKeyProvider FromValue(string key) => new(key, null);

    public static ApiKeyProvider FromFile(string path) => new(null, path);

    /// <summary>Gets the current key. Throws <see cref="ApiException"/> (reason <c>auth</c>) when the file cannot be read or is empty.</summary>
    public string GetKey()
    {
        if (_fixedKey is not null)
        {
            return _fixedKey;
        }

        lock (_gate)
        {
            try
            {
                var info = new FileInfo(_path!);
                var stamp = (info.LastWriteTimeUtc, info.Exists ? info.Length : -1);
                if (_fileKey is null || stamp != _stamp)
                {
                    _fileKey = File.ReadAllText(_path!).Trim();
                    _stamp = stamp;
                }
            }
            catch (IOException e)
            {
                throw new ApiException(SyncFailureReason.Auth, $"cannot read the API key file '{_path}': {e.GetType().Name}");
            }
            catch (UnauthorizedAccessException)
            {
                throw new ApiException(SyncFailureReason.Auth, $"cannot read the API key file '{_path}': access denied");
            }

            return _fileKey.Length > 0 ? _fileKey : throw new ApiException(SyncFailureReason.Auth, $"the API key file '{_path}' is empty");
        }
    }
}
