using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.Messaging.Tests;

/// <summary>Against the real PostgreSQL and RabbitMQ that the test run started.</summary>
public sealed class OutboxAndInboxTests(MessagingHost platform) : IClassFixture<MessagingHost>
{
    [Fact]
    public async Task When_a_service_crashes_between_commit_and_publish_Should_publish_the_event_once_after_restart()
    {
        var pledge = new DonationPledged(Guid.NewGuid(), 120.50m);

        // The business change and its event commit together; the process dies before anything is published.
        await using (var db = platform.NewContext())
        {
            db.Totals.Add(new PledgeTotal { CooperativeId = Guid.NewGuid(), TotalMad = 0 });
            db.AddIntegrationEvent(pledge);
            await db.SaveChangesAsync();
        }
        Assert.Null((await platform.OutboxRowAsync(pledge.EventId))!.DispatchedAt);

        using var restarted = await platform.StartServiceAsync();

        await Eventually.TrueAsync(async () => await platform.TotalOfAsync(pledge.CooperativeId) is not null, "the pledge to be consumed");
        await Eventually.TrueAsync(async () => (await platform.OutboxRowAsync(pledge.EventId))?.DispatchedAt is not null, "the outbox row to be marked");
        await Task.Delay(500); // room for a wrong second delivery to show up
        Assert.Equal(120.50m, await platform.TotalOfAsync(pledge.CooperativeId));
        Assert.Equal(1, Deliveries.Of(pledge.EventId));
        await restarted.StopAsync();
    }

    [Fact]
    public async Task When_a_service_crashes_after_publishing_but_before_marking_Should_apply_the_event_once()
    {
        var pledge = new DonationPledged(Guid.NewGuid(), 75m);
        await using (var db = platform.NewContext())
        {
            db.AddIntegrationEvent(pledge);
            await db.SaveChangesAsync();
        }

        // First life: the broker confirmed the publish but the row was never marked dispatched.
        using (var firstLife = await platform.StartServiceWithoutDispatchAsync())
        {
            await firstLife.Services.GetRequiredService<IBus>().Publish(pledge, ctx => ctx.MessageId = pledge.EventId);
            await Eventually.TrueAsync(async () => await platform.TotalOfAsync(pledge.CooperativeId) is not null, "the first copy to be consumed");
            await firstLife.StopAsync();
        }

        // Second life: the dispatcher finds the unmarked row and publishes it again.
        using var secondLife = await platform.StartServiceAsync();
        await Eventually.TrueAsync(async () => (await platform.OutboxRowAsync(pledge.EventId))?.DispatchedAt is not null, "the re-dispatch");
        await Eventually.TrueAsync(() => Task.FromResult(Deliveries.Of(pledge.EventId) == 2), "the second copy to arrive");

        Assert.Equal(75m, await platform.TotalOfAsync(pledge.CooperativeId));
        await secondLife.StopAsync();
    }

    [Fact]
    public async Task When_a_message_is_delivered_twice_at_once_Should_change_state_once()
    {
        using var service = await platform.StartServiceAsync();
        var bus = service.Services.GetRequiredService<IBus>();
        var pledge = new DonationPledged(Guid.NewGuid(), 40m);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => bus.Publish(pledge, ctx => ctx.MessageId = pledge.EventId)));

        // Copies that meet in one batch are folded by MassTransit before the consumer sees them (and acknowledged
        // with it); copies in different batches reach the inbox. Either way all four leave the queue.
        await Eventually.TrueAsync(() => Task.FromResult(Deliveries.Of(pledge.EventId) >= 1), "a copy to arrive");
        await Eventually.TrueAsync(async () => await MessagesInQueueAsync("messaging-tests-donation-pledged") == 0, "every copy taken off the queue");
        // Arriving is not finishing: the copy that claimed the message may not have committed yet (seen on a busy machine).
        await Eventually.TrueAsync(async () => await platform.TotalOfAsync(pledge.CooperativeId) is not null, "the claiming copy to commit");
        await Task.Delay(1000); // time for the other copies to find the claim and give up
        Assert.Equal(40m, await platform.TotalOfAsync(pledge.CooperativeId));
        await service.StopAsync();
    }

    [Fact]
    public async Task When_an_event_is_saved_Should_be_published_without_waiting_for_the_poll()
    {
        // A poll interval far longer than the wait below: only the commit signal can explain a prompt publish.
        using var service = await platform.StartServiceAsync(pollInterval: TimeSpan.FromMinutes(5));
        await Task.Delay(1000); // let the dispatcher's first (empty) round pass
        var pledge = new DonationPledged(Guid.NewGuid(), 10m);
        await using (var scope = service.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.AddIntegrationEvent(pledge);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }

        await Eventually.TrueAsync(async () => await platform.TotalOfAsync(pledge.CooperativeId) is not null,
            "the pledge to be consumed", TimeSpan.FromSeconds(20));
        await service.StopAsync();
    }

    [Fact]
    public async Task When_a_transaction_rolls_back_Should_publish_nothing()
    {
        using var service = await platform.StartServiceAsync();
        var pledge = new DonationPledged(Guid.NewGuid(), 10m);
        await using (var scope = service.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.AddIntegrationEvent(pledge);
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }

        await Task.Delay(1500);
        Assert.Null(await platform.OutboxRowAsync(pledge.EventId));
        Assert.Equal(0, Deliveries.Of(pledge.EventId));
        await service.StopAsync();
    }

    [Fact]
    public async Task When_a_consumer_keeps_failing_Should_retry_then_park_the_message_in_the_error_queue()
    {
        using var service = await platform.StartServiceAsync();
        var poison = new PoisonPledge(Guid.NewGuid());
        await service.Services.GetRequiredService<IBus>().Publish(poison);

        await Eventually.TrueAsync(async () => await MessagesInQueueAsync("messaging-tests-poison-pledge_error") >= 1,
            "the poison message in the _error queue", TimeSpan.FromSeconds(40));

        await using var db = platform.NewContext();
        Assert.False(await db.Set<InboxMessage>().AnyAsync(m => m.MessageId == poison.EventId),
            "a failed message must not be remembered as handled, or a replay would be dropped");
        await service.StopAsync();
    }

    /// <summary>Messages waiting in a queue, or 0 while the queue does not exist yet.</summary>
    private async Task<uint> MessagesInQueueAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = platform.Broker };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(); // a failed passive declare closes its channel
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }
}
