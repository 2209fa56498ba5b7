using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Tadamon.Identity.Infrastructure;
using Tadamon.Identity.Model;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Tadamon.Identity.Apis;

/// <summary>
/// The OAuth 2.0 token endpoint: the password grant for the platform's own frontends, and refresh tokens.
/// Access tokens are short JWTs carrying who the person is, their role and their scope.
/// </summary>
public static class TokenApi
{
    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", Exchange).WithTags("Tokens").WithName("ExchangeToken").Public()
            .WithSummary("OAuth 2.0 token endpoint (grant_type=password with username = email or phone, or grant_type=refresh_token)")
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Exchange(HttpContext http, UserManager<Account> accounts, FailedSignIns failures)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict request is missing.");

        if (request.IsPasswordGrantType())
        {
            var account = await Accounts.FindByLoginAsync(accounts, request.Username);
            if (account is null) return Refuse("Identifiant ou mot de passe incorrect.");
            if (await accounts.IsLockedOutAsync(account))
            {
                return Refuse("Compte verrouillé après trop d'essais : réessayez dans quelques minutes.");
            }
            if (!await accounts.CheckPasswordAsync(account, request.Password ?? ""))
            {
                await failures.RecordAsync(account, http.RequestAborted); // counts towards lockout, even when guesses arrive together
                return Refuse("Identifiant ou mot de passe incorrect.");
            }
            await failures.ResetAsync(account, http.RequestAborted);
            return SignIn(account, request.GetScopes());
        }

        if (request.IsRefreshTokenGrantType())
        {
            var previous = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var account = previous.Principal?.GetClaim(Claims.Subject) is { } id ? await accounts.FindByIdAsync(id) : null;
            // A refresh after the account was locked must not outlive the lock.
            if (account is null || await accounts.IsLockedOutAsync(account)) return Refuse("Session expirée : reconnectez-vous.");
            return SignIn(account, previous.Principal!.GetScopes());
        }

        return Results.Forbid(Error(Errors.UnsupportedGrantType, "Seuls les types password et refresh_token sont acceptés."),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult SignIn(Account account, IEnumerable<string> requestedScopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account.Id.ToString())
            .SetClaim(Claims.Name, account.DisplayName)
            .SetClaim(Claims.Role, account.Role)
            .SetClaim(TokenAuthentication.ScopeClaim, account.ScopeId?.ToString());
        identity.SetScopes(requestedScopes.Where(s => s == Scopes.OfflineAccess));
        identity.SetAudiences(TokenAuthentication.Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string description) =>
        Results.Forbid(Error(Errors.InvalidGrant, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static AuthenticationProperties Error(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
