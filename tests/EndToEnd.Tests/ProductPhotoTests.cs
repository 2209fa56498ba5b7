using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>Product photos through the gateway: the demo cooperative's manager uploads one, anyone fetches it cached.</summary>
[Collection("platform")]
public sealed class ProductPhotoTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, HttpStatusCode expected)
    {
        using var response = await Gateway.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task The_demo_cooperative_manager_uploads_a_photo_and_anyone_gets_its_renditions_with_year_long_cache_headers()
    {
        var manager = await platform.Accounts.SignInAsync("cooperative@tadamon.ma", PlatformAccounts.DemoPassword);
        var cooperative = manager.Scope!.Value;
        var product = (await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/catalog/products")
        {
            Content = JsonContent.Create(new
            {
                cooperativeId = cooperative, nameAr = "أملو للصورة", nameFr = $"Amlou en photo {Guid.NewGuid().ToString()[..6]}",
                category = "amlou", unit = "jar", priceMad = 90m, stock = 4,
            }),
        }.As(manager), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var file = new ByteArrayContent(TestPictures.Png(800, 600, 180, 120, 60));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var uploaded = await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/catalog/products/{product}/photos")
        {
            Content = new MultipartFormDataContent { { file, "file", "amlou.png" } },
        }.As(manager), HttpStatusCode.Created);
        var cover = uploaded.GetProperty("cover");
        var hash = cover.GetProperty("hash").GetString();
        Assert.Equal([320, 640, 800], cover.GetProperty("widths").EnumerateArray().Select(w => w.GetInt32()));

        // Anonymous, through the gateway: the WebP bytes with the service's cache headers kept on the way.
        using var rendition = await Gateway.GetAsync($"/api/catalog/photos/{hash}/640");
        Assert.Equal(HttpStatusCode.OK, rendition.StatusCode);
        Assert.Equal("image/webp", rendition.Content.Headers.ContentType?.MediaType);
        var bytes = await rendition.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("WEBP", System.Text.Encoding.ASCII.GetString(bytes, 8, 4));
        var cache = rendition.Headers.CacheControl!;
        Assert.True(cache.Public);
        Assert.Equal(TimeSpan.FromDays(365), cache.MaxAge);
        Assert.Contains("immutable", cache.ToString());
        Assert.NotNull(rendition.Headers.ETag);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/api/catalog/photos/{hash}/640");
        revalidate.Headers.IfNoneMatch.Add(rendition.Headers.ETag!);
        using var notModified = await Gateway.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        // The demo cooperative's seeded products came with their own drawn pictures.
        using var market = JsonDocument.Parse(await Gateway.GetStringAsync($"/api/catalog/products?cooperativeId={cooperative}&pageSize=100"));
        var seeded = market.RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("nameFr").GetString() is "Huile d'argan alimentaire" or "Amlou aux amandes").ToList();
        Assert.Equal(2, seeded.Count);
        Assert.All(seeded, i => Assert.Equal(64, i.GetProperty("cover").GetProperty("hash").GetString()!.Length));
    }
}
