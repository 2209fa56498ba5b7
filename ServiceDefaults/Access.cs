using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Who may call an endpoint, declared where it is mapped. The role check happens before the handler runs, so an
/// unauthenticated caller gets 401 and a caller of the wrong role 403 without touching data; handlers then check the
/// scope (which cooperative, which centre, whose order). Every endpoint must say one of these: the authorisation
/// matrix test fails on an endpoint it does not know.
/// </summary>
public static class Access
{
    /// <summary>Anyone, signed in or not (browsing, signing in, public certificate checks).</summary>
    public static TBuilder Public<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.AllowAnonymous();

    /// <summary>Any signed-in person, whatever their role.</summary>
    public static TBuilder SignedIn<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization();

    /// <summary>Signed-in people holding one of these roles.</summary>
    public static TBuilder For<TBuilder>(this TBuilder endpoint, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(new AuthorizeAttribute { Roles = string.Join(',', roles) });
}

/// <summary>Refusals by the authorisation middleware are problem details in the caller's language, like the handlers' own.</summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.Unauthorized(context).ExecuteAsync(context);
        }
        else if (authorizeResult.Forbidden)
        {
            await Problems.Forbidden(context).ExecuteAsync(context);
        }
        else
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
