using BatchExporter.Api;

namespace BatchExporter.Tests.Api;

public sealed class ApiKeyProviderTests
{
    [Fact]
    public void GetKey_FileRewritten_ReturnsTheNewKeyWithoutRestart()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "sk-first\n");
            var provider = ApiKeyProvider.FromFile(path);
            Assert.Equal("sk-first", provider.GetKey());

            File.WriteAllText(path, "sk-second-key\n");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
            Assert.Equal("sk-second-key", provider.GetKey());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void GetKey_FileGoneOrEmpty_FailsAsAuthWithoutTheKey()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "   \n");
        var provider = ApiKeyProvider.FromFile(path);
        Assert.Equal(SyncFailureReason.Auth, Assert.Throws<ApiException>(provider.GetKey).Reason);

        File.Delete(path);
        Assert.Equal(SyncFailureReason.Auth, Assert.Throws<ApiException>(provider.GetKey).Reason);
    }
}
