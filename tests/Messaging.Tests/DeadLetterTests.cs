using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Messaging.DeadLetters;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.Messaging.Tests;

public sealed class DeadLetterTests(MessagingHost platform) : IClassFixture<MessagingHost>
{
    [Fact]
    public async Task When_a_parked_message_is_replayed_after_the_cause_is_fixed_Should_be_applied_once_and_leave_the_error_queue()
    {
        using var service = await platform.StartServiceAsync();
        var deadLetters = service.Services.GetRequiredService<DeadLetterQueues>();
        var pledge = new FlakyPledge(Guid.NewGuid(), 55m);
        FlakyPledgeConsumer.Broken = true;

        await service.Services.GetRequiredService<IBus>().Publish(pledge, ctx => ctx.MessageId = pledge.EventId);

        var parked = await Eventually.GetAsync(async () =>
            (await deadLetters.ListAsync(100, CancellationToken.None)).FirstOrDefault(l => l.MessageId == pledge.EventId.ToString()),
            "the failed pledge among the dead letters", TimeSpan.FromSeconds(40));
        Assert.Equal("FlakyPledge", parked.MessageType);
        Assert.Contains("ledger is unavailable", parked.Error);
        Assert.EndsWith("_error", parked.Queue);
        // Looking is not taking: a second listing still shows it.
        Assert.Contains(await deadLetters.ListAsync(100, CancellationToken.None), l => l.MessageId == parked.MessageId);
        Assert.Null(await platform.TotalOfAsync(pledge.CooperativeId));

        FlakyPledgeConsumer.Broken = false;
        Assert.True(await deadLetters.ReplayAsync(parked.MessageId, CancellationToken.None));

        await Eventually.TrueAsync(async () => await platform.TotalOfAsync(pledge.CooperativeId) == 55m, "the replayed pledge to be applied");
        Assert.DoesNotContain(await deadLetters.ListAsync(100, CancellationToken.None), l => l.MessageId == parked.MessageId);
        Assert.False(await deadLetters.ReplayAsync(parked.MessageId, CancellationToken.None), "a replayed message is gone from the error queue");
        await service.StopAsync();
    }
}
