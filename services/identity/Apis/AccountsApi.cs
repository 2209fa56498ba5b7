using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Tadamon.Contracts.Identity;
using Tadamon.Identity.Infrastructure;
using Tadamon.Identity.Model;
using Tadamon.Messaging;

namespace Tadamon.Identity.Apis;

public static class AccountsApi
{
    private static readonly string[] SelfServiceRoles = [Roles.Buyer, Roles.Beneficiary];
    private static readonly string[] ScopedRoles = [Roles.CooperativeManager, Roles.CentreManager, Roles.AssociationManager];

    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapPost("/register", Register).WithName("RegisterAccount").Public()
            .WithSummary("A buyer or a beneficiary opens an account with an email or a Moroccan mobile number");
        accounts.MapPost("/", Create).WithName("CreateAccount").For(Roles.Operator)
            .WithSummary("An operator creates a cooperative manager, centre manager, partner association manager or operator account");
        return accounts;
    }

    public sealed record RegisterRequest(
        [Required, StringLength(120, MinimumLength = 2)] string DisplayName,
        [EmailAddress, StringLength(200)] string? Email,
        [StringLength(30)] string? Phone,
        [Required, StringLength(128, MinimumLength = 8)] string Password,
        [Required, OpenApiConventions.Values(Roles.Buyer, Roles.Beneficiary)] string Role);

    public sealed record CreateAccountRequest(
        [Required, StringLength(120, MinimumLength = 2)] string DisplayName,
        [EmailAddress, StringLength(200)] string? Email,
        [StringLength(30)] string? Phone,
        [Required, StringLength(128, MinimumLength = 8)] string Password,
        [Required, OpenApiConventions.Values(Roles.CooperativeManager, Roles.CentreManager, Roles.AssociationManager, Roles.Operator)] string Role,
        Guid? ScopeId);

    public sealed record AccountResponse(Guid Id, string DisplayName, string? Email, string? Phone, string Role, Guid? ScopeId);

    private static async Task<Results<Created<AccountResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, HttpContext http, UserManager<Account> accounts, IdentityDbContext db)
    {
        if (!SelfServiceRoles.Contains(request.Role))
        {
            return Problems.Invalid(http, "role", "Choisissez « buyer » ou « beneficiary ».", "اختر « buyer » أو « beneficiary ».");
        }
        return await CreateAsync(http, accounts, db, request.DisplayName, request.Email, request.Phone, request.Password, request.Role, scopeId: null);
    }

    private static async Task<Results<Created<AccountResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateAccountRequest request, HttpContext http, CallerAccessor callers, UserManager<Account> accounts, IdentityDbContext db)
    {
        if (Problems.RefuseUnless(http, callers.Current, callers.Current.IsInRole(Roles.Operator)) is { } refused) return refused;
        if (!ScopedRoles.Contains(request.Role) && request.Role != Roles.Operator)
        {
            return Problems.Invalid(http, "role", "Rôle inconnu pour un compte créé par un opérateur.", "دور غير معروف لحساب ينشئه المشرف.");
        }
        if (ScopedRoles.Contains(request.Role) && request.ScopeId is null)
        {
            return Problems.Invalid(http, "scopeId", "Un gestionnaire doit être rattaché à sa coopérative, à son centre ou à son association.", "يجب ربط المسير بتعاونيته أو بمركزه أو بجمعيته.");
        }
        return await CreateAsync(http, accounts, db, request.DisplayName, request.Email, request.Phone, request.Password, request.Role,
            ScopedRoles.Contains(request.Role) ? request.ScopeId : null);
    }

    private static async Task<Results<Created<AccountResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, UserManager<Account> accounts, IdentityDbContext db,
        string displayName, string? email, string? phone, string password, string role, Guid? scopeId)
    {
        var normalisedPhone = MoroccanPhone.Normalise(phone);
        if (phone is not null && normalisedPhone is null)
        {
            return Problems.Invalid(http, "phone", "Numéro de mobile marocain attendu (06… ou 07…).", "يرجى إدخال رقم هاتف محمول مغربي (06… أو 07…).");
        }
        if (string.IsNullOrWhiteSpace(email) && normalisedPhone is null)
        {
            return Problems.Invalid(http, "email", "Donnez un email ou un numéro de mobile.", "أدخل بريدا إلكترونيا أو رقم هاتف محمول.");
        }
        var login = string.IsNullOrWhiteSpace(email) ? normalisedPhone! : email.Trim();
        if (await Accounts.FindByLoginAsync(accounts, login) is not null
            || (normalisedPhone is not null && await Accounts.FindByLoginAsync(accounts, normalisedPhone) is not null))
        {
            return Problems.Conflict(http, "Un compte existe déjà avec cet identifiant.", "يوجد حساب بهذا المعرف مسبقا.", "account-exists");
        }

        var account = new Account
        {
            Id = Guid.CreateVersion7(),
            UserName = login,
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            PhoneNumber = normalisedPhone,
            DisplayName = displayName.Trim(),
            Role = role,
        };
        account.ScopeId = role == Roles.Beneficiary ? account.Id : scopeId; // a beneficiary's scope is themself

        // The account and its AccountCreated event commit together.
        await using var tx = await db.Database.BeginTransactionAsync(http.RequestAborted);
        var created = await accounts.CreateAsync(account, password);
        if (!created.Succeeded)
        {
            return TypedResults.ValidationProblem(created.Errors.GroupBy(e => e.Code.Contains("Password") ? "password" : "account")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }
        db.AddIntegrationEvent(new AccountCreated(account.Id, account.Role, account.ScopeId, account.DisplayName));
        await db.SaveChangesAsync(http.RequestAborted);
        await tx.CommitAsync(http.RequestAborted);

        return TypedResults.Created($"/accounts/{account.Id}",
            new AccountResponse(account.Id, account.DisplayName, account.Email, account.PhoneNumber, account.Role, account.ScopeId));
    }
}
