using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.Messaging.Tests;

/// <summary>Two hosts on one database and one broker vhost play two replicas of a service.</summary>
public sealed class ReplicaTests(MessagingHost platform) : IClassFixture<MessagingHost>
{
    [Fact]
    public async Task When_two_replicas_want_the_lease_Should_give_it_to_one_until_that_one_goes()
    {
        using var first = await platform.StartServiceAsync();
        using var second = await platform.StartServiceAsync();
        var firstLease = first.Services.GetRequiredService<LeaderLease<TestDbContext>>();
        var secondLease = second.Services.GetRequiredService<LeaderLease<TestDbContext>>();

        // The hosts' own workers (retention, in its first minute) have not asked yet: the first to ask wins.
        Assert.True(await firstLease.TryHoldAsync(CancellationToken.None));
        Assert.False(await secondLease.TryHoldAsync(CancellationToken.None));
        Assert.True(await firstLease.TryHoldAsync(CancellationToken.None), "the holder keeps it on its next round");
        Assert.False(await secondLease.TryHoldAsync(CancellationToken.None));

        // The holder goes (a stop here; a crash drops the connection the same way): the other takes over.
        await first.StopAsync();
        await firstLease.DisposeAsync();
        // The server lets go once the closed session's backend has ended: at the other's next round, or soon after.
        await Eventually.TrueAsync(() => secondLease.TryHoldAsync(CancellationToken.None), "the other replica to take the lease");
        await second.StopAsync();
    }

    [Fact]
    public async Task A_message_for_every_replica_Should_reach_each_replica_once_while_events_reach_one()
    {
        using var first = await platform.StartServiceAsync();
        using var second = await platform.StartServiceAsync();
        var ping = new ReplicaPing(Guid.NewGuid());
        var pledge = new DonationPledged(Guid.NewGuid(), 12m);

        await first.Services.GetRequiredService<IBus>().Publish(ping);
        await first.Services.GetRequiredService<IBus>().Publish(pledge, ctx => ctx.MessageId = pledge.EventId);

        await Eventually.TrueAsync(() => Task.FromResult(ReplicaPingConsumer.Seen.Count(s => s.Ping == ping.Id) >= 2), "both replicas to see the ping");
        await Eventually.TrueAsync(async () => await platform.TotalOfAsync(pledge.CooperativeId) == 12m, "the pledge to be applied");
        await Task.Delay(500); // room for a wrong extra copy to arrive
        var seen = ReplicaPingConsumer.Seen.Where(s => s.Ping == ping.Id).Select(s => s.Replica).ToList();
        Assert.Equal(2, seen.Count);
        Assert.Equal(2, seen.Distinct().Count());
        Assert.Equal(12m, await platform.TotalOfAsync(pledge.CooperativeId)); // competing consumers: applied once
        await first.StopAsync();
        await second.StopAsync();
    }

    [Fact]
    public async Task Consumer_and_error_queues_Should_be_quorum_queues()
    {
        using var service = await platform.StartServiceAsync();
        var poison = new PoisonPledge(Guid.NewGuid());
        await service.Services.GetRequiredService<IBus>().Publish(poison, ctx => ctx.MessageId = poison.EventId);

        var factory = new ConnectionFactory { Uri = platform.Broker };
        await using var connection = await factory.CreateConnectionAsync();
        var quorum = new Dictionary<string, object?> { ["x-queue-type"] = "quorum" };
        // Declaring an existing queue with another type fails (PRECONDITION_FAILED): these succeed only on quorum queues.
        foreach (var queue in new[] { "messaging-tests-donation-pledged", "messaging-tests-poison-pledge" })
        {
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: quorum);
        }
        await Eventually.TrueAsync(async () =>
        {
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                await channel.QueueDeclarePassiveAsync("messaging-tests-poison-pledge_error");
                return true;
            }
            catch (OperationInterruptedException) { return false; } // not parked yet
        }, "the poison pledge to be parked", TimeSpan.FromSeconds(40));
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync("messaging-tests-poison-pledge_error", durable: true, exclusive: false, autoDelete: false, arguments: quorum);
        }
        // A classic declaration of the same queue is refused: the check above can fail.
        await using (var channel = await connection.CreateChannelAsync())
        {
            await Assert.ThrowsAsync<OperationInterruptedException>(() =>
                channel.QueueDeclareAsync("messaging-tests-donation-pledged", durable: true, exclusive: false, autoDelete: false));
        }
        await service.StopAsync();
    }
}
