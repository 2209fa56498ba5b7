using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Apis;
using Tadamon.TestSupport;

namespace Tadamon.Catalog.Tests;

/// <summary>
/// Catalog with <c>Photos:Store=s3</c> against a real S3-compatible server (s3rver, a Node process the test starts
/// with its own folder and bucket): uploads become objects named by content, the public endpoint serves them, and
/// removing a photo deletes its objects unless another product still shows the same picture.
/// </summary>
public sealed class S3PhotoStoreTests(S3CatalogFactory catalog) : IClassFixture<S3CatalogFactory>
{
    private static MultipartFormDataContent Form(byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { file, "file", "photo.jpg" } };
    }

    private async Task<(ProductResponse Product, HttpClient Manager)> ProductAsync(Guid cooperative)
    {
        var product = await catalog.PublishedProductAsync(cooperative, stock: 3);
        return (product, catalog.As(Roles.CooperativeManager, "manager", cooperative));
    }

    private static async Task<ProductResponse> UploadAsync(HttpClient manager, Guid productId, byte[] bytes)
    {
        var response = await manager.PostAsync($"/products/{productId}/photos", Form(bytes));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ProductResponse>(CatalogFactory.Json))!;
    }

    [Fact]
    public async Task When_photos_live_in_s3_Should_store_each_rendition_as_an_object_serve_it_and_delete_it_with_the_photo()
    {
        var (product, manager) = await ProductAsync(await catalog.VerifiedCooperativeAsync());

        var photo = Assert.Single((await UploadAsync(manager, product.Id, TestImages.JpegWithGps(1000, 750))).Photos);

        Assert.Equal([$"{photo.Hash}/320.webp", $"{photo.Hash}/640.webp", $"{photo.Hash}/1000.webp"], await catalog.ObjectKeysAsync(photo.Hash));
        Assert.Equal(0, await catalog.InScopeAsync((db, _) => db.PhotoRenditions.CountAsync(r => r.Hash == photo.Hash)));
        var served = await catalog.CreateClient().GetAsync($"/photos/{photo.Hash}/640");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await catalog.ObjectAsync($"{photo.Hash}/640.webp"), await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await catalog.CreateClient().GetAsync($"/photos/{photo.Hash}/1280")).StatusCode);

        (await manager.DeleteAsync($"/products/{product.Id}/photos/{photo.Id}")).EnsureSuccessStatusCode();

        Assert.Empty(await catalog.ObjectKeysAsync(photo.Hash));
        Assert.Equal(HttpStatusCode.NotFound, (await catalog.CreateClient().GetAsync($"/photos/{photo.Hash}/640")).StatusCode);
    }

    [Fact]
    public async Task When_another_product_still_shows_the_same_picture_Should_keep_its_objects()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var (first, manager) = await ProductAsync(cooperative);
        var (second, _) = await ProductAsync(cooperative);
        var picture = TestImages.JpegWithGps(700, 500);
        var photo = Assert.Single((await UploadAsync(manager, first.Id, picture)).Photos);
        Assert.Equal(photo.Hash, Assert.Single((await UploadAsync(manager, second.Id, picture)).Photos).Hash);

        (await manager.DeleteAsync($"/products/{first.Id}/photos/{photo.Id}")).EnsureSuccessStatusCode();

        Assert.Equal([.. photo.Widths.Select(w => $"{photo.Hash}/{w}.webp")], await catalog.ObjectKeysAsync(photo.Hash));
        Assert.Equal(HttpStatusCode.OK, (await catalog.CreateClient().GetAsync($"/photos/{photo.Hash}/320")).StatusCode);
    }
}

/// <summary>Catalog configured for the S3 photo store, with an s3rver of its own for the test class.</summary>
public sealed class S3CatalogFactory : CatalogFactory
{
    private const string Bucket = "tadamon-photos";
    private const string Key = "S3RVER"; // s3rver's fixed credentials
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("tadamon-s3-");
    private readonly Process _server;
    private readonly Uri _url;

    public S3CatalogFactory()
    {
        var port = TestMachine.FreePort();
        _url = new Uri($"http://127.0.0.1:{port}");
        var s3rver = Path.Combine(TestMachine.RepositoryRoot(), "tests", "Catalog.Tests", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(s3rver)) throw new InvalidOperationException($"{s3rver} is missing: './tadamon test' installs it (npm ci in tests/Catalog.Tests).");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { s3rver, "-d", _data.FullName, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--silent", "--no-vhost-buckets", "--configure-bucket", Bucket })
            start.ArgumentList.Add(arg);
        _server = Process.Start(start)!;
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        WaitUntilListening(port);
    }

    public IAmazonS3 Client() => new AmazonS3Client(new BasicAWSCredentials(Key, Key), new AmazonS3Config
    {
        ServiceURL = _url.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    public async Task<List<string>> ObjectKeysAsync(string hash)
    {
        using var s3 = Client();
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = $"{hash}/" });
        // Widths in increasing order, as the product answer lists them.
        return [.. (listed.S3Objects ?? []).Select(o => o.Key).OrderBy(k => int.Parse(k[(k.IndexOf('/') + 1)..k.IndexOf('.')]))];
    }

    public async Task<byte[]> ObjectAsync(string key)
    {
        using var s3 = Client();
        using var found = await s3.GetObjectAsync(Bucket, key);
        using var bytes = new MemoryStream();
        await found.ResponseStream.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        base.ConfigureService(builder);
        builder.UseSetting("Photos:Store", "s3");
        builder.UseSetting("Photos:S3:ServiceUrl", _url.ToString());
        builder.UseSetting("Photos:S3:Bucket", Bucket);
        builder.UseSetting("Photos:S3:AccessKey", Key);
        builder.UseSetting("Photos:S3:SecretKey", Key);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_server.HasExited) _server.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync();
        _server.Dispose();
        try { _data.Delete(recursive: true); } catch (IOException) { }
    }

    private void WaitUntilListening(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_server.HasExited) throw new InvalidOperationException($"s3rver exited with code {_server.ExitCode}");
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) { Thread.Sleep(100); }
        }
        throw new TimeoutException("s3rver did not listen within 30 s");
    }
}
