using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>X-Forwarded-*</c> headers are believed only when the connection comes from a proxy named in configuration:
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges), each a
/// list or one comma-separated value. None by default, not even loopback: otherwise any client on the machine (or
/// behind a loopback proxy such as the dashboard's) picks its own address, rate-limit bucket and scheme. The AppHost
/// names the gateway as the services' and the web's proxy; a deployment names its TLS terminator as the gateway's.
/// </summary>
public static class ForwardedHeaderTrust
{
    public const string Section = "ForwardedHeaders";

    public static ForwardedHeadersOptions FromConfiguration(IConfiguration configuration, ForwardedHeaders headers)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = headers };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still holds loopback by default and is still consulted
        options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
        foreach (var proxy in Values(configuration.GetSection($"{Section}:KnownProxies")))
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }
        foreach (var network in Values(configuration.GetSection($"{Section}:KnownNetworks")))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
        return options;
    }

    /// <summary>Applies the forwarded headers of trusted proxies only; the rest of the request is left as it came.</summary>
    public static IApplicationBuilder UseTrustedForwardedHeaders(this IApplicationBuilder app, ForwardedHeaders headers =
        ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix)
    {
        var options = FromConfiguration(app.ApplicationServices.GetRequiredService<IConfiguration>(), headers);
        // The framework's middleware believes everyone when both lists are empty: with no proxy named, leave it out.
#pragma warning disable ASPDEPR005
        return options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0 && options.KnownNetworks.Count == 0
            ? app
            : app.UseForwardedHeaders(options);
#pragma warning restore ASPDEPR005
    }

    private static IEnumerable<string> Values(IConfigurationSection section) =>
        (section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? ""))
            .SelectMany(v => v.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
