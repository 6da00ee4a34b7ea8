using System.Diagnostics;
using BatchApi.Simulator.Workloads;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Reliability;

/// <summary>
/// Key rotation as the kubelet does it for a Secret volume: the key lives in a timestamped folder, <c>..data</c>
/// links to that folder and <c>key</c> links to <c>..data/key</c>; a rotation writes a new folder, points a new
/// <c>..data_tmp</c> link at it, renames that over <c>..data</c> (rename(2), atomic) and deletes the old folder.
/// </summary>
public sealed class KeyRotationTests
{
    [Fact]
    public async Task KeyFile_KubeletDataSwap_FirstRequestAfterTheSwapCarriesTheNewKey()
    {
        var volume = Directory.CreateTempSubdirectory("secret-volume-").FullName;
        try
        {
            const string oldFolder = "..2026_12_02_04_00_00.123";
            await using var h = await ExporterHarness.StartAsync(
                (sim, _) =>
                {
                    Scenarios.SeedHistory(sim.DefaultWorkspace, 5, TimeSpan.FromDays(1));
                    Directory.CreateDirectory(Path.Combine(volume, oldFolder));
                    File.WriteAllText(Path.Combine(volume, oldFolder, "key"), sim.ApiKey);
                    File.CreateSymbolicLink(Path.Combine(volume, "..data"), oldFolder);
                    File.CreateSymbolicLink(Path.Combine(volume, "key"), Path.Combine("..data", "key"));
                },
                new Dictionary<string, string?> { ["Exporter:Sources:0:ApiKey"] = null, ["Exporter:Sources:0:ApiKeyFile"] = Path.Combine(volume, "key") });
            Assert.True(h.Status.Up, h.Status.LastFailureMessage);
            var oldKeyFile = new FileInfo(Path.Combine(volume, oldFolder, "key"));

            // The kubelet's swap, then the old key is revoked: a request still carrying it gets 401.
            const string newFolder = "..2026_12_02_05_00_00.456";
            var newKey = "sk-ant-sim-" + new string('R', h.Simulator.ApiKey.Length - "sk-ant-sim-".Length); // same length
            Directory.CreateDirectory(Path.Combine(volume, newFolder));
            File.WriteAllText(Path.Combine(volume, newFolder, "key"), newKey);
            File.SetLastWriteTimeUtc(Path.Combine(volume, newFolder, "key"), oldKeyFile.LastWriteTimeUtc); // same stamp: nothing to see but the swap
            File.CreateSymbolicLink(Path.Combine(volume, "..data_tmp"), newFolder);
            Rename(Path.Combine(volume, "..data_tmp"), Path.Combine(volume, "..data"));
            Directory.Delete(Path.Combine(volume, oldFolder), recursive: true);
            h.Simulator.RotateApiKey(newKey);
            var before = h.Simulator.Log.Entries.Count;

            await h.SyncAsync();

            var after = h.Simulator.Log.Entries.Skip(before).ToList();
            Assert.NotEmpty(after);
            Assert.Equal(200, after[0].StatusCode); // the first request after the swap carries the new key
            Assert.DoesNotContain(after, e => e.StatusCode == 401);
            Assert.True(h.Status.Up, h.Status.LastFailureMessage);
        }
        finally
        {
            Directory.Delete(volume, recursive: true);
        }
    }

    [Fact]
    public async Task KeyFile_RevokedKeyStillMounted_SyncFailsAsAuth()
    {
        var volume = Directory.CreateTempSubdirectory("secret-volume-").FullName;
        try
        {
            await using var h = await ExporterHarness.StartAsync(
                (sim, _) =>
                {
                    Directory.CreateDirectory(Path.Combine(volume, "..2026_12_02_04_00_00.123"));
                    File.WriteAllText(Path.Combine(volume, "..2026_12_02_04_00_00.123", "key"), sim.ApiKey);
                    File.CreateSymbolicLink(Path.Combine(volume, "..data"), "..2026_12_02_04_00_00.123");
                    File.CreateSymbolicLink(Path.Combine(volume, "key"), Path.Combine("..data", "key"));
                },
                new Dictionary<string, string?> { ["Exporter:Sources:0:ApiKey"] = null, ["Exporter:Sources:0:ApiKeyFile"] = Path.Combine(volume, "key") });
            Assert.True(h.Status.Up, h.Status.LastFailureMessage);

            h.Simulator.RotateApiKey(); // revoked, and the Secret not updated yet
            var before = h.Simulator.Log.Entries.Count;
            await h.SyncAsync();

            Assert.Equal([401], h.Simulator.Log.Entries.Skip(before).Select(e => e.StatusCode));
            Assert.Equal(BatchExporter.Api.SyncFailureReason.Auth, h.Status.LastFailure);
        }
        finally
        {
            Directory.Delete(volume, recursive: true);
        }
    }

    /// <summary>rename(2) of a link over a link, as the kubelet does: <c>mv -T</c> renames without following <c>..data</c>.</summary>
    private static void Rename(string from, string to)
    {
        using var mv = Process.Start(new ProcessStartInfo("mv", ["-T", from, to]) { RedirectStandardError = true })!;
        mv.WaitForExit();
        Assert.True(mv.ExitCode == 0, mv.StandardError.ReadToEnd());
        Assert.Equal(FileAttributes.ReparsePoint, File.GetAttributes(to) & FileAttributes.ReparsePoint);
    }
}
