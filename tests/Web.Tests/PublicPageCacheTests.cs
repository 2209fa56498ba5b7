using static Tadamon.Web.Tests.Site;

namespace Tadamon.Web.Tests;

/// <summary>
/// The market's public pages are kept a few seconds for anonymous readers (a campaign's crowd), separately per
/// language, easy-read choice and basket size; a signed-in person always gets their own page.
/// </summary>
[Collection("web")]
public sealed class PublicPageCacheTests(PlatformFixture platform, BrowserFixture browser)
{
    private readonly Site _site = new(platform, browser);

    private async Task<(bool Cached, string Html, string Headers)> GetAsync(HttpClient http, string path, string cookies = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookies.Length > 0) request.Headers.Add("Cookie", cookies);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        // The output cache says how old a kept answer is; a freshly rendered one has no Age.
        return (response.Headers.Age is not null, await response.Content.ReadAsStringAsync(), response.Headers.ToString());
    }

    [Fact]
    public async Task The_home_page_is_kept_for_anonymous_readers_per_language_and_never_for_a_signed_in_person()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = _site.Gateway };

        await GetAsync(http, "/");
        var again = await GetAsync(http, "/");
        Assert.True(again.Cached, $"a second anonymous visit within seconds is served from the cache; it came with {again.Headers}");
        Assert.Contains("lang=\"ar\"", again.Html);

        var french = await GetAsync(http, "/", "tadamon-lang=fr");
        Assert.Contains("lang=\"fr\"", french.Html);
        var easy = await GetAsync(http, "/", "tadamon-lang=fr; tadamon-easy=1");
        Assert.Contains("class=\"easy", easy.Html);
        Assert.Contains("lang=\"ar\"", (await GetAsync(http, "/")).Html);

        // A signed-in buyer: their own menu (orders, sign-out) every time, never a kept page.
        var page = await _site.VisitAsync("fr");
        var name = $"Buyer {Guid.NewGuid():N}"[..14];
        await RegisterAsync(page, "fr", name, "buyer");
        var cookies = string.Join("; ", (await page.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
        for (var i = 0; i < 2; i++)
        {
            var mine = await GetAsync(http, "/", cookies);
            Assert.False(mine.Cached, "a signed-in person's page is rendered for them");
            Assert.Contains("Mes commandes", mine.Html);
        }
        await page.Context.CloseAsync();
    }
}
