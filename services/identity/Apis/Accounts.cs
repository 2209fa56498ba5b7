using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tadamon.Identity.Model;

namespace Tadamon.Identity.Apis;

/// <summary>How a person is found by what they type at login: an email, or a Moroccan mobile number in any usual form.</summary>
public static partial class Accounts
{
    /// <summary>06/07 numbers, with or without +212 / 00212, spaces, dots or dashes, become +2126XXXXXXXX.</summary>
    public static string? NormalisePhone(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var digits = NonDigits().Replace(input, "");
        if (digits.StartsWith("00212", StringComparison.Ordinal)) digits = digits[5..];
        else if (digits.StartsWith("212", StringComparison.Ordinal)) digits = digits[3..];
        else if (digits.StartsWith('0')) digits = digits[1..];
        return digits.Length == 9 && (digits[0] == '6' || digits[0] == '7') ? "+212" + digits : null;
    }

    public static async Task<Account?> FindByLoginAsync(UserManager<Account> accounts, string? login)
    {
        if (string.IsNullOrWhiteSpace(login)) return null;
        if (login.Contains('@')) return await accounts.FindByEmailAsync(login.Trim());
        var phone = NormalisePhone(login);
        return phone is null ? null : await accounts.Users.FirstOrDefaultAsync(a => a.PhoneNumber == phone);
    }

    [GeneratedRegex(@"\D")]
    private static partial Regex NonDigits();
}
