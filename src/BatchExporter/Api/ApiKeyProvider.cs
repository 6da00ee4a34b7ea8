namespace BatchExporter.Api;

/// <summary>
/// The API key of one source: a fixed value, or the contents of a file read again for every request, through
/// whatever symlinks lead to it. A Kubernetes Secret volume rotates by pointing <c>..data</c> at a new folder: the
/// key's own path and its timestamps may not change at all, so nothing short of reading it tells the swap apart;
/// a key file is a few dozen bytes and requests are a few a minute, so the read costs nothing.
/// </summary>
internal sealed class ApiKeyProvider
{
    private readonly string? _fixedKey;
    private readonly string? _path;

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

        string key;
        try
        {
            key = File.ReadAllText(_path!).Trim();
        }
        catch (IOException e)
        {
            throw new ApiException(SyncFailureReason.Auth, $"cannot read the API key file '{_path}': {e.GetType().Name}");
        }
        catch (UnauthorizedAccessException)
        {
            throw new ApiException(SyncFailureReason.Auth, $"cannot read the API key file '{_path}': access denied");
        }

        return key.Length > 0 ? key : throw new ApiException(SyncFailureReason.Auth, $"the API key file '{_path}' is empty");
    }
}
