using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Messaging;
using Tadamon.Notifications.Model;

namespace Tadamon.Notifications.Infrastructure;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public DbSet<SmsMessage> SmsMessages => Set<SmsMessage>();
    public DbSet<SmsContact> Contacts => Set<SmsContact>();
    public DbSet<SmsOptOut> OptOuts => Set<SmsOptOut>();
    public DbSet<OrderContact> Orders => Set<OrderContact>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NotificationsDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
    }
}

internal sealed class SmsConfiguration : IEntityTypeConfiguration<SmsMessage>, IEntityTypeConfiguration<SmsContact>,
    IEntityTypeConfiguration<SmsOptOut>, IEntityTypeConfiguration<OrderContact>
{
    public void Configure(EntityTypeBuilder<SmsMessage> sms)
    {
        sms.ToTable("sms_messages");
        // No SMS twice for one notification, whatever the copies of its event and the replicas consuming them.
        sms.HasIndex(m => m.NotificationId).IsUnique();
        sms.HasIndex(m => m.ProviderMessageId).IsUnique();
        // The dispatcher's claim: pending rows by due time.
        sms.HasIndex(m => new { m.State, m.DueAt });
        sms.HasIndex(m => m.PersonId);
        sms.Property(m => m.State).HasConversion<string>().HasMaxLength(12);
        sms.Property(m => m.PersonId).HasMaxLength(64);
        sms.Property(m => m.Kind).HasMaxLength(40);
        sms.Property(m => m.Phone).HasMaxLength(16);
        sms.Property(m => m.Language).HasMaxLength(2);
        sms.Property(m => m.Text).HasMaxLength(700);
        sms.Property(m => m.ProviderMessageId).HasMaxLength(64);
        sms.Property(m => m.LastError).HasMaxLength(300);
        sms.Ignore(m => m.Reference);
    }

    public void Configure(EntityTypeBuilder<SmsContact> contact)
    {
        contact.ToTable("sms_contacts");
        contact.HasKey(c => c.PersonId);
        contact.Property(c => c.PersonId).HasMaxLength(64);
        contact.Property(c => c.Phone).HasMaxLength(16);
        contact.Property(c => c.Language).HasMaxLength(2);
        contact.HasIndex(c => c.Phone);
    }

    public void Configure(EntityTypeBuilder<SmsOptOut> optOut)
    {
        optOut.ToTable("sms_opt_outs");
        optOut.HasKey(o => o.Phone);
        optOut.Property(o => o.Phone).HasMaxLength(16);
        optOut.Property(o => o.Source).HasMaxLength(20);
    }

    public void Configure(EntityTypeBuilder<OrderContact> order)
    {
        order.ToTable("order_contacts");
        order.HasKey(o => o.OrderId);
        order.Property(o => o.BuyerId).HasMaxLength(64);
        order.Property(o => o.Phone).HasMaxLength(16);
    }
}
