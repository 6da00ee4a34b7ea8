namespace BatchApi.Simulator.State;

/// <summary>What the API accepts as a workspace id: <c>wrkspc_</c> followed by letters and digits (the simulator's
/// own default workspace is <c>default</c>).</summary>
public static class WorkspaceIds
{
    private const string Prefix = "wrkspc_";

    public static bool IsValid(string id) =>
        id == BatchSimulator.DefaultWorkspaceId
        || (id.Length > Prefix.Length && id.Length <= 64 && id.StartsWith(Prefix, StringComparison.Ordinal)
            && id.AsSpan(Prefix.Length).IndexOfAnyExcept(Alphanumerics) < 0);

    private static readonly System.Buffers.SearchValues<char> Alphanumerics =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
}
