using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Tadamon.Identity.Model;
using Tadamon.Messaging;

namespace Tadamon.Identity.Infrastructure;

public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options)
    : IdentityUserContext<Account, Guid>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Account>(account =>
        {
            account.ToTable("accounts");
            account.Property(a => a.DisplayName).HasMaxLength(120);
            account.Property(a => a.Role).HasMaxLength(30);
            account.HasIndex(a => a.PhoneNumber).IsUnique().HasFilter("\"PhoneNumber\" IS NOT NULL");
        });
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("account_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("account_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("account_tokens");
        builder.UseOpenIddict();
        builder.AddOutboxAndInbox();
    }
}
