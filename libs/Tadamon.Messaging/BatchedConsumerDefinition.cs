using MassTransit;
using Microsoft.Extensions.Options;

namespace Tadamon.Messaging;

/// <summary>Gives every <see cref="Batch{T}"/> consumer the service's batch size, time limit and concurrency.</summary>
internal sealed class BatchedConsumerDefinition<TConsumer>(IOptions<InboxOptions> options) : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var inbox = options.Value;
        consumerConfigurator.Options<BatchOptions>(batch => batch
            .SetMessageLimit(inbox.BatchSize)
            .SetTimeLimit(inbox.BatchTimeLimit)
            .SetConcurrencyLimit(inbox.ConcurrentBatches));
    }
}
