using System.IO.Compression;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;
using Tadamon.Web.Account;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;
using Tadamon.Web.Market;

namespace Tadamon.Web;

public static class Extensions
{
    /// <summary>Which part of the site each role may enter; every other page is public.</summary>
    private static readonly (string Folder, string Role)[] Spaces =
    [
        ("/Checkout", Roles.Buyer), ("/Orders", Roles.Buyer), ("/Cooperative", Roles.CooperativeManager),
        ("/Operator", Roles.Operator), ("/Learn/Me", Roles.Beneficiary), ("/Learn/Centre", Roles.CentreManager),
    ];

    public static IHostApplicationBuilder AddWebFrontends(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorPages(pages =>
        {
            foreach (var (folder, role) in Spaces) pages.Conventions.AuthorizeFolder(folder, role);
        });
        // The service defaults answer refusals with 401/403 problems, right for APIs; a page instead sends the
        // person to sign in, or to the "not for your account" page (the cookie scheme's challenge and forbid).
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler,
            Microsoft.AspNetCore.Authorization.Policy.AuthorizationMiddlewareResultHandler>();
        services.AddAuthorization(auth =>
        {
            foreach (var (_, role) in Spaces) auth.AddPolicy(role, p => p.RequireClaim("role", role));
        });

        // Cookie sign-in for browsers (the service defaults register bearer tokens for APIs; pages are not APIs).
        services.AddAuthentication(o => o.DefaultScheme = o.DefaultChallengeScheme = o.DefaultSignInScheme = Session.Scheme)
            .AddCookie(Session.Scheme, cookie =>
            {
                cookie.Cookie.Name = "tadamon-session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // TLS ends in front of the gateway
                cookie.LoginPath = "/account/login";
                cookie.LogoutPath = "/account/logout";
                cookie.AccessDeniedPath = "/account/denied";
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = Session.RefreshWhenDueAsync;
            });

        // Keys that encrypt the session cookie survive restarts when a folder is given (the AppHost gives one).
        var protection = services.AddDataProtection().SetApplicationName("tadamon-web");
        if (builder.Configuration["Web:KeysDirectory"] is { Length: > 0 } keys) protection.PersistKeysToFileSystem(new DirectoryInfo(keys));

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
        app.UseForwardedHeaders(new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
        });
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

        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive");
        app.MapLanguageSwitches();
        app.MapRazorPages();
        return app;
    }
}
