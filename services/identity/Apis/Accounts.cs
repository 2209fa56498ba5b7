using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tadamon.Identity.Model;

namespace Tadamon.Identity.Apis;

/// <summary>How a person is found by what they type at login: an email, or a Moroccan mobile number in any usual form.</summary>
public static class Accounts
{
    public static async Task<Account?> FindByLoginAsync(UserManager<Account> accounts, string? login)
    {
        if (string.IsNullOrWhiteSpace(login)) return null;
        if (login.Contains('@')) return await accounts.FindByEmailAsync(login.Trim());
        var phone = MoroccanPhone.Normalise(login);
        return phone is null ? null : await accounts.Users.FirstOrDefaultAsync(a => a.PhoneNumber == phone);
    }
}
