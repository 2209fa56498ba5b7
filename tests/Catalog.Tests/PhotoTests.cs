using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Apis;
using Tadamon.Catalog.Model;

namespace Tadamon.Catalog.Tests;

/// <summary>Product photos: what an upload must be, what is kept of it, and who may change a product's photos.</summary>
public sealed class PhotoTests(CatalogFactory catalog) : IClassFixture<CatalogFactory>
{
    private static MultipartFormDataContent Form(byte[] bytes, string fileName = "photo.jpg", string type = "image/jpeg")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private async Task<(Guid Cooperative, ProductResponse Product, HttpClient Manager)> ProductAsync()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var product = await catalog.PublishedProductAsync(cooperative, stock: 5);
        return (cooperative, product, catalog.As(Roles.CooperativeManager, "manager", cooperative));
    }

    private static async Task<ProductResponse> UploadAsync(HttpClient manager, Guid productId, byte[] bytes)
    {
        var response = await manager.PostAsync($"/products/{productId}/photos", Form(bytes));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ProductResponse>(CatalogFactory.Json))!;
    }

    private Task<int> StoredRenditionsAsync() => catalog.InScopeAsync((db, _) => db.PhotoRenditions.CountAsync());

    private async Task AssertRefusedAsync(HttpResponseMessage response, string? fragment = null)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("file")[0].GetString();
        if (fragment is not null) Assert.Contains(fragment, message);
    }

    [Fact]
    public async Task When_a_phone_photo_carries_gps_Should_store_webp_renditions_without_any_metadata_and_serve_them_cached_for_a_year()
    {
        var (_, product, manager) = await ProductAsync();
        var upload = TestImages.JpegWithGps(1600, 1200);
        Assert.Contains("exif-ifd3-GPSLatitude", TestImages.Fields(upload)); // the input really carries a position

        var updated = await UploadAsync(manager, product.Id, upload);

        var photo = Assert.Single(updated.Photos);
        Assert.Equal(photo, updated.Cover);
        Assert.Equal([320, 640, 1280], photo.Widths);
        Assert.Equal((1280, 960), (photo.Width, photo.Height));
        foreach (var width in photo.Widths)
        {
            var rendition = await catalog.CreateClient().GetAsync($"/photos/{photo.Hash}/{width}");
            Assert.Equal(HttpStatusCode.OK, rendition.StatusCode);
            Assert.Equal("image/webp", rendition.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", rendition.Headers.CacheControl?.ToString().Replace(" ", "").Replace(",", ", "));
            var bytes = await rendition.Content.ReadAsByteArrayAsync();
            Assert.False(TestImages.Contains(bytes, "EXIF") || TestImages.Contains(bytes, "Exif"), "a rendition kept an EXIF block");
            Assert.DoesNotContain("exif", TestImages.Fields(bytes));
            Assert.DoesNotContain("gps", TestImages.Fields(bytes), StringComparison.OrdinalIgnoreCase);
            using var decoded = NetVips.Image.NewFromBuffer(bytes);
            Assert.Equal(width, decoded.Width);
        }
        // The key is the content: the largest rendition's SHA-256.
        var largest = await catalog.CreateClient().GetByteArrayAsync($"/photos/{photo.Hash}/1280");
        Assert.Equal(photo.Hash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(largest)));

        var etag = (await catalog.CreateClient().GetAsync($"/photos/{photo.Hash}/640")).Headers.ETag!;
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/photos/{photo.Hash}/640");
        revalidate.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await catalog.CreateClient().SendAsync(revalidate)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await catalog.CreateClient().GetAsync($"/photos/{photo.Hash}/999")).StatusCode);
    }

    [Fact]
    public async Task When_a_photo_is_narrower_than_the_largest_width_Should_never_enlarge_it_and_keep_png_uploads_too()
    {
        var (_, product, manager) = await ProductAsync();

        var updated = await UploadAsync(manager, product.Id, TestImages.Png(500, 400, 30));

        var photo = Assert.Single(updated.Photos);
        Assert.Equal([320, 500], photo.Widths);
        Assert.Equal((500, 400), (photo.Width, photo.Height));
    }

    public static TheoryData<string, byte[], string> BadUploads => new()
    {
        { "text", "<html>not a photo</html>"u8.ToArray(), "JPEG, PNG" },
        { "a truncated jpeg", TestImages.Jpeg(400, 300, 90)[..200], "illisible" },
        { "a png declaring 50000 x 50000 pixels", TestImages.PngDeclaring(50_000, 50_000), "trop grande" },
        { "a png declaring 7000 x 7000 pixels (49 megapixels)", TestImages.PngDeclaring(7000, 7000), "trop grande" },
        { "more than 5 MB", [0xFF, 0xD8, 0xFF, .. new byte[5 * 1024 * 1024]], "5 Mo" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task When_the_upload_is_not_an_acceptable_photo_Should_answer_400_and_store_nothing(string what, byte[] bytes, string reason)
    {
        var (_, product, manager) = await ProductAsync();
        var before = await StoredRenditionsAsync();

        var response = await manager.PostAsync($"/products/{product.Id}/photos", Form(bytes));

        await AssertRefusedAsync(response, reason);
        Assert.Equal(before, await StoredRenditionsAsync());
        var stored = await catalog.InScopeAsync((db, _) => db.Products.AsNoTracking().FirstAsync(p => p.Id == product.Id));
        Assert.True(stored.Photos.Count == 0, $"{what} was attached");
    }

    [Fact]
    public async Task When_the_upload_is_refused_in_arabic_Should_say_why_in_arabic()
    {
        var (_, product, manager) = await ProductAsync();
        manager.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ar-MA");

        var response = await manager.PostAsync($"/products/{product.Id}/photos", Form("GIF89a"u8.ToArray(), "a.gif", "image/gif"));

        await AssertRefusedAsync(response, "ليس صورة");
    }

    [Fact]
    public async Task When_a_seventh_photo_is_sent_Should_answer_400_and_keep_six()
    {
        var (_, product, manager) = await ProductAsync();
        for (byte i = 0; i < ProductPhoto.MaxPerProduct; i++) await UploadAsync(manager, product.Id, TestImages.Jpeg(200, 150, (byte)(i * 40)));

        var response = await manager.PostAsync($"/products/{product.Id}/photos", Form(TestImages.Jpeg(200, 150, 255, 255)));

        await AssertRefusedAsync(response, "6");
        var photos = await manager.GetFromJsonAsync<List<ProductPhoto>>($"/products/{product.Id}/photos", CatalogFactory.Json);
        Assert.Equal(ProductPhoto.MaxPerProduct, photos!.Count);
    }

    [Fact]
    public async Task When_the_same_picture_is_sent_twice_Should_keep_it_once()
    {
        var (_, product, manager) = await ProductAsync();
        var picture = TestImages.Jpeg(300, 200, 120);
        await UploadAsync(manager, product.Id, picture);

        var again = await manager.PostAsync($"/products/{product.Id}/photos", Form(picture));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single((await again.Content.ReadFromJsonAsync<ProductResponse>(CatalogFactory.Json))!.Photos);
    }

    [Fact]
    public async Task When_the_manager_makes_a_cover_and_reorders_Should_show_buyers_the_new_cover_at_once()
    {
        var (_, product, manager) = await ProductAsync();
        ProductResponse last = product;
        foreach (var red in new byte[] { 10, 120, 240 }) last = await UploadAsync(manager, product.Id, TestImages.Jpeg(240, 180, red));
        var (first, second, third) = (last.Photos[0], last.Photos[1], last.Photos[2]);
        async Task<ProductPhoto?> BuyersCoverAsync() =>
            (await catalog.CreateClient().GetFromJsonAsync<ProductResponse>($"/products/{product.Id}", CatalogFactory.Json))!.Cover;
        Assert.Equal(first.Id, (await BuyersCoverAsync())!.Id); // now in the market's cache

        var covered = await manager.PostAsync($"/products/{product.Id}/photos/{third.Id}/cover", null);
        covered.EnsureSuccessStatusCode();
        Assert.Equal(third.Id, (await BuyersCoverAsync())!.Id);

        var partial = await manager.PutAsJsonAsync($"/products/{product.Id}/photos/order", new { photoIds = new[] { second.Id, first.Id } });
        Assert.Equal(HttpStatusCode.BadRequest, partial.StatusCode);

        var reordered = await manager.PutAsJsonAsync($"/products/{product.Id}/photos/order", new { photoIds = new[] { second.Id, first.Id, third.Id } });
        reordered.EnsureSuccessStatusCode();
        var order = (await reordered.Content.ReadFromJsonAsync<ProductResponse>(CatalogFactory.Json))!.Photos.Select(p => p.Id);
        Assert.Equal([second.Id, first.Id, third.Id], order);
        Assert.Equal(second.Id, (await BuyersCoverAsync())!.Id);
        var listed = await catalog.CreateClient().GetFromJsonAsync<Page<ProductResponse>>($"/products?cooperativeId={product.CooperativeId}", CatalogFactory.Json);
        Assert.Equal(second.Id, listed!.Items.Single().Cover!.Id);
    }

    [Fact]
    public async Task When_a_photo_is_deleted_Should_drop_its_renditions_unless_another_product_shows_the_same_picture()
    {
        var (cooperative, product, manager) = await ProductAsync();
        var other = await catalog.PublishedProductAsync(cooperative, stock: 2, nameFr: "Amlou");
        var shared = TestImages.Jpeg(400, 300, 60, 200);
        var photo = (await UploadAsync(manager, product.Id, shared)).Photos.Single();
        var otherPhoto = (await UploadAsync(manager, other.Id, shared)).Photos.Single();
        Assert.Equal(photo.Hash, otherPhoto.Hash);

        (await manager.DeleteAsync($"/products/{product.Id}/photos/{photo.Id}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await catalog.CreateClient().GetAsync($"/photos/{photo.Hash}/320")).StatusCode);

        (await manager.DeleteAsync($"/products/{other.Id}/photos/{otherPhoto.Id}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await catalog.CreateClient().GetAsync($"/photos/{photo.Hash}/320")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.DeleteAsync($"/products/{other.Id}/photos/{otherPhoto.Id}")).StatusCode);
    }

    [Fact]
    public async Task When_another_cooperatives_manager_touches_the_photos_Should_be_forbidden_and_change_nothing()
    {
        var (_, product, manager) = await ProductAsync();
        var photo = (await UploadAsync(manager, product.Id, TestImages.Jpeg(300, 300, 200, 10))).Photos.Single();
        var otherCooperative = await catalog.VerifiedCooperativeAsync(nameFr: "Coopérative voisine");
        var intruder = catalog.As(Roles.CooperativeManager, "intruder", otherCooperative);
        var before = await StoredRenditionsAsync();

        var responses = new[]
        {
            await intruder.PostAsync($"/products/{product.Id}/photos", Form(TestImages.Jpeg(300, 300, 5))),
            await intruder.PostAsync($"/products/{product.Id}/photos/{photo.Id}/cover", null),
            await intruder.PutAsJsonAsync($"/products/{product.Id}/photos/order", new { photoIds = new[] { photo.Id } }),
            await intruder.DeleteAsync($"/products/{product.Id}/photos/{photo.Id}"),
            await intruder.GetAsync($"/products/{product.Id}/photos"),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(before, await StoredRenditionsAsync());
        var photos = await catalog.Operator().GetFromJsonAsync<List<ProductPhoto>>($"/products/{product.Id}/photos", CatalogFactory.Json);
        Assert.Equal([photo.Id], photos!.Select(p => p.Id));
    }
}
