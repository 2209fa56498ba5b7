namespace Tadamon.Web.Tests;

/// <summary>The whole platform and one Chromium, started once for every browser test.</summary>
[CollectionDefinition("web")]
public sealed class WebCollection : ICollectionFixture<PlatformFixture>, ICollectionFixture<BrowserFixture>;

/// <summary>
/// Debian's Chromium, driven headless by Playwright. Never a downloaded browser: the path is fixed, and the flags
/// keep it from reaching out to Google's services, which this machine's network refuses.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: './tadamon test' installs Debian's chromium package.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
