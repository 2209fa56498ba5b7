using Microsoft.EntityFrameworkCore;

namespace Tadamon.Messaging;

public static class ModelBuilderExtensions
{
    /// <summary>Maps the outbox and inbox tables into a service's own database (and so its migrations).</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            outbox.Property(m => m.Type).HasColumnName("type").HasMaxLength(300);
            outbox.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb");
            outbox.Property(m => m.CreatedAt).HasColumnName("created_at");
            outbox.Property(m => m.DispatchedAt).HasColumnName("dispatched_at");
            outbox.Property(m => m.Attempts).HasColumnName("attempts");
            outbox.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(64);
            outbox.Property(m => m.ParkedAt).HasColumnName("parked_at");
            // The dispatcher only ever looks for pending rows: keep that index tiny.
            outbox.HasIndex(m => m.CreatedAt).HasFilter("dispatched_at IS NULL AND parked_at IS NULL").HasDatabaseName("ix_outbox_pending");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.MessageId).HasColumnName("message_id");
            inbox.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            inbox.Property(m => m.ProcessedAt).HasColumnName("processed_at");
        });

        modelBuilder.Entity<DeferredMessage>(deferred =>
        {
            deferred.ToTable("deferred_messages");
            deferred.HasKey(m => new { m.MessageId, m.Consumer });
            deferred.Property(m => m.MessageId).HasColumnName("message_id");
            deferred.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            deferred.Property(m => m.Destination).HasColumnName("destination").HasMaxLength(500);
            deferred.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(300);
            deferred.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb");
            deferred.Property(m => m.Reason).HasColumnName("reason").HasMaxLength(2000);
            deferred.Property(m => m.Attempts).HasColumnName("attempts");
            deferred.Property(m => m.FirstDeferredAt).HasColumnName("first_deferred_at");
            deferred.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
            deferred.HasIndex(m => m.NextAttemptAt).HasFilter("next_attempt_at IS NOT NULL").HasDatabaseName("ix_deferred_due");
        });
        return modelBuilder;
    }
}
