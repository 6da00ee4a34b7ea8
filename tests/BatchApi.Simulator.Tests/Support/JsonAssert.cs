using System.Text.Json;

namespace BatchApi.Simulator.Tests;

internal static class JsonAssert
{
    public static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("data").EnumerateArray().Select(b => b.GetProperty("id").GetString()!)];

    public static string? NullableString(JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : element.GetProperty(name).GetString();

    /// <summary>Asserts the API's error shape and returns <c>error.type</c>.</summary>
    public static string ErrorType(JsonElement body)
    {
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetProperty("message").GetString()));
        Assert.StartsWith("req_", body.GetProperty("request_id").GetString());
        return body.GetProperty("error").GetProperty("type").GetString()!;
    }
}
