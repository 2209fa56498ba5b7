using System.IO.Compression;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tadamon.Web.Account;
using Tadamon.Web.Infrastructure;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;
using Tadamon.Web.Market;

namespace Tadamon.Web;

public static class Extensions
{
    /// <summary>Which part of the site each role may enter; every other page is public.</summary>
    private static readonly (string Folder, string[] Roles)[] Spaces =
    [
        ("/Checkout", [Roles.Buyer]), ("/Orders", [Roles.Buyer]), ("/Cooperative", [Roles.CooperativeManager]),
        ("/Operator", [Roles.Operator]), ("/Learn/Me", [Roles.Beneficiary]),
        // An association's manager works in each of its centres with the centre manager's pages.
        ("/Learn/Centre", [Roles.CentreManager, Roles.AssociationManager]), ("/Learn/Association", [Roles.AssociationManager]),
    ];

    /// <summary>
    /// The market's public pages, kept a few seconds for people who are not signed in: a campaign sends everyone to
    /// the home page, and without this each visit costs a page render and a call to catalog.
    /// </summary>
    private static readonly string[] PublicMarketPages = ["/Index", "/Products/Index"];

    private const string PublicPagePolicy = "public-market-page";

    /// <summary>Forms whose posts are limited per person, with the limit's name under <c>Web:RateLimits</c>.</summary>
    private static readonly (string Page, string Policy)[] LimitedForms = [("/Checkout", "checkout"), ("/Learn/Me/PreRegister", "pre-registration")];

    public static IHostApplicationBuilder AddWebFrontends(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorPages(pages =>
        {
            foreach (var (folder, _) in Spaces) pages.Conventions.AuthorizeFolder(folder, folder);
            foreach (var page in PublicMarketPages)
            {
                pages.Conventions.AddPageApplicationModelConvention(page, model =>
                    model.EndpointMetadata.Add(new Microsoft.AspNetCore.OutputCaching.OutputCacheAttribute { PolicyName = PublicPagePolicy }));
            }
            foreach (var (page, policy) in LimitedForms)
            {
                pages.Conventions.AddPageApplicationModelConvention(page, model =>
                    model.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(policy)));
            }
        });
        services.AddSingleton<Microsoft.AspNetCore.Mvc.ViewFeatures.CookieTempDataProvider>();
        services.Replace(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataProvider, QuietTempDataProvider>());
        // The output cache's default rules hold: only anonymous GETs (no session cookie signed in, no Authorization),
        // never an answer that sets a cookie. What else changes the page is the reader's language, easy-read choice and
        // the number of items in their basket (shown in the menu): each combination is its own entry, besides the URL.
        services.AddOutputCache(cache => cache.AddPolicy(PublicPagePolicy, policy => policy
            .Expire(TimeSpan.FromSeconds(5))
            .VaryByValue(context => new KeyValuePair<string, string>("reader",
                $"{context.Request.Cookies[Lang.Cookie]}|{context.Request.Cookies[Lang.EasyReadCookie]}|{context.RequestServices.GetRequiredService<Cart>().Count}"))));
        // Placing an order and asking for a seat, per signed-in person (the gateway only sees a cookie and an address,
        // and one address may be a whole social centre). Past the limit the status page explains the 429.
        var limits = builder.Configuration.GetSection("Web:RateLimits");
        var replicas = builder.Configuration.GetValue("Web:Replicas", 1); // each web replica allows its share
        services.AddRateLimiter(limiter =>
        {
            foreach (var (_, policy) in LimitedForms)
            {
                limiter.AddTokenBucket(limits, policy, 30, 60, context =>
                    HttpMethods.IsPost(context.Request.Method) ? ClientRateLimits.PersonOf(context) ?? ClientRateLimits.AddressOf(context) : null, replicas);
            }
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                ClientRateLimits.SetRetryAfter(context);
                return ValueTask.CompletedTask;
            };
        });
        // The service defaults answer refusals with 401/403 problems, right for APIs; a page instead sends the
        // person to sign in, or to the "not for your account" page (the cookie scheme's challenge and forbid).
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler,
            Microsoft.AspNetCore.Authorization.Policy.AuthorizationMiddlewareResultHandler>();
        services.AddAuthorization(auth =>
        {
            foreach (var (folder, roles) in Spaces) auth.AddPolicy(folder, p => p.RequireClaim("role", roles));
        });

        // Cookie sign-in for browsers (the service defaults register bearer tokens for APIs; pages are not APIs).
        services.AddAuthentication(o => o.DefaultScheme = o.DefaultChallengeScheme = o.DefaultSignInScheme = Session.Scheme)
            .AddCookie(Session.Scheme, cookie =>
            {
                cookie.Cookie.Name = "tadamon-session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                // TLS ends in front of the gateway: the request is https here only when a trusted proxy says so, and
                // then the cookie (it holds the refresh token) is Secure; a developer's plain http still signs in.
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/account/login";
                cookie.LogoutPath = "/account/logout";
                cookie.AccessDeniedPath = "/account/denied";
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = Session.RefreshWhenDueAsync;
            });

        // Keys that encrypt the session cookie, shared by every replica (see DataProtectionKeys).
        builder.AddDataProtectionKeys();

        services.AddTransient<CallerHandler>();
        foreach (var service in Services.All)
        {
            services.AddHttpClient(service, http => http.BaseAddress = new Uri($"http://{service}")).AddHttpMessageHandler<CallerHandler>();
        }
        // Arabic written as itself, not as &#x...; entities: a third of the bytes on an Arabic page.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<Api>();
        services.AddSingleton<ReferenceData>();
        services.AddScoped<Lang>();
        services.AddScoped<Cart>();
        services.AddScoped<TrainedBadges>();

        // HTML compresses about five to one: it matters most on a slow phone connection.
        services.AddResponseCompression(o =>
        {
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return builder;
    }

    public static WebApplication UseWebFrontends(this WebApplication app)
    {
        // The gateway is the web's proxy (named by configuration, see ForwardedHeaderTrust): behind a TLS terminator
        // the scheme it reports is https, which makes the session cookie Secure.
        app.UseTrustedForwardedHeaders(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);
        app.UseResponseCompression();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.Use(async (context, next) =>
        {
            context.RequestServices.GetRequiredService<Lang>().Apply(context);
            context.Response.OnStarting(() =>
            {
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
                {
                    context.Response.Headers.ContentSecurityPolicy = ContentPolicy.For(context);
                }
                return Task.CompletedTask;
            });
            await next(context);
        });
        // Static files after compression, so the stylesheet travels gzipped; its URL carries a content hash
        // (asp-append-version), so a phone keeps it until it changes.
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                if (file.Context.Request.Query.ContainsKey("v"))
                    file.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            },
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache(); // after authentication: a signed-in person's page is never cached
        app.UseRateLimiter();

        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive");
        app.MapLanguageSwitches();
        app.MapRazorPages();
        return app;
    }
}
