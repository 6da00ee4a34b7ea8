using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Hosting;

/// <summary>TLS through standard Kestrel configuration, on the real process.</summary>
[Trait("Category", "Process")]
public sealed class TlsProcessTests
{
    [Fact]
    public async Task KestrelHttpsEndpointConfigured_ServesMetricsOverTls()
    {
        var dir = Directory.CreateTempSubdirectory("exporter-tls-");
        try
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            var certPath = Path.Combine(dir.FullName, "tls.crt");
            var keyPath = Path.Combine(dir.FullName, "tls.key");
            await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());

            var port = LoopbackPort.Free();
            await using var exporter = ExporterProcess.Start(["--demo"], new Dictionary<string, string>
            {
                ["Kestrel__Endpoints__Https__Url"] = $"https://127.0.0.1:{port}",
                ["Kestrel__Endpoints__Https__Certificate__Path"] = certPath,
                ["Kestrel__Endpoints__Https__Certificate__KeyPath"] = keyPath,
            });

            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == certificate.Thumbprint,
            };
            using var https = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (true)
            {
                try
                {
                    using var response = await https.GetAsync("/synced");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline && !exporter.HasExited)
                {
                }

                Assert.True(DateTime.UtcNow < deadline && !exporter.HasExited, $"no TLS answer; stderr: {exporter.StandardError}");
                await Task.Delay(200);
            }

            Assert.Contains("anthropic_up", await https.GetStringAsync("/metrics"), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
