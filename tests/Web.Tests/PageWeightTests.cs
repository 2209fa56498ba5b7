using System.Diagnostics;
using System.Net;
using Aspire.Hosting.Testing;
using static Tadamon.Web.Tests.Site;

namespace Tadamon.Web.Tests;

/// <summary>What a slow phone connection pays: the product list under 200 KB over the wire, compressed HTML.</summary>
[Collection("web")]
public sealed class PageWeightTests(PlatformFixture platform, BrowserFixture browser)
{
    private readonly Site _site = new(platform, browser);

    [Fact]
    public async Task The_product_list_weighs_under_200_KB_over_the_wire()
    {
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = _site.Gateway };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/products");
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var firstByte = clock.Elapsed;
        var html = await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        Assert.Contains(response.Content.Headers.ContentEncoding, e => e is "gzip" or "br");

        // Everything else the page loads from the platform at once: its one stylesheet and the covers above the fold
        // (the others are lazy: a phone fetches them only as they scroll into view).
        var page = System.Text.Encoding.UTF8.GetString(await (await _site.Api.GetAsync("/products")).Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        var css = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/site[^\"]*\\.css[^\"]*)\"").Groups[1].Value;
        using var cssRequest = new HttpRequestMessage(HttpMethod.Get, css);
        cssRequest.Headers.AcceptEncoding.ParseAdd("gzip, br");
        using var cssResponse = await http.SendAsync(cssRequest);
        var stylesheet = await cssResponse.Content.ReadAsByteArrayAsync();
        cssResponse.EnsureSuccessStatusCode();

        var eager = System.Text.RegularExpressions.Regex.Matches(page, "<img src=\"(/api/catalog/photos/[^\"]+)\"[^>]*loading=\"eager\"")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.InRange(eager.Count, 1, 4);
        var covers = 0;
        foreach (var src in eager) covers += (await http.GetByteArrayAsync(src)).Length;

        var total = html.Length + stylesheet.Length + covers;
        Console.WriteLine($"product list: {html.Length} B html + {stylesheet.Length} B css + {covers} B of {eager.Count} eager covers over the wire, first byte after {firstByte.TotalMilliseconds:F0} ms");
        Assert.True(total < 200 * 1024, $"The product list page weighs {total} bytes over the wire.");
    }

    [Fact]
    public async Task Screenshots_of_the_market_and_the_digital_window_in_Arabic()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _site.Gateway.ToString().TrimEnd('/'), ViewportSize = new() { Width = 1024, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var folder = Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "docs", "screenshots")).FullName;
        foreach (var (path, file) in new[] { ("/", "market-ar.png"), ("/learn", "digital-window-ar.png") })
        {
            await page.GotoAsync(path);
            await AssertLanguageAsync(page, "ar");
            var bytes = await page.ScreenshotAsync(new() { Path = Path.Combine(folder, file), FullPage = false });
            Assert.True(bytes.Length > 10_000, $"{file} looks empty ({bytes.Length} bytes).");
        }
    }
}
