using System.Reflection;
using MassTransit;
using Tadamon.Messaging.DeadLetters;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tadamon.Messaging;

public static class MessagingExtensions
{
    public const string BrokerConnectionName = "broker";

    /// <summary>
    /// Registers the service's own PostgreSQL database: a pooled DbContext wired to the outbox, with Aspire's
    /// health check, tracing and metrics. EF's retrying strategy is off because handlers open explicit
    /// transactions; transient failures are retried by the message retry policy or the caller instead.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(
        this IHostApplicationBuilder builder, string connectionName, Action<DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is missing: run the service from the AppHost.");

        // Every service shares one PostgreSQL server: a bounded pool per service keeps a burst from opening
        // hundreds of backends (each a process with its own memory) on a small machine.
        var pooled = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            pooled.MaxPoolSize = builder.Configuration.GetValue("Database:MaxPoolSize", 40);
        }
        // Statements a service runs again and again are prepared once per connection: PostgreSQL then skips
        // parsing and planning them (a good part of its CPU on small, frequent queries).
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            pooled.MaxAutoPrepare = builder.Configuration.GetValue("Database:MaxAutoPrepare", 64);
        }
        connectionString = pooled.ConnectionString;

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSaveChangesInterceptor>();
        builder.Services.AddSingleton<RowLockInterceptor>();
        builder.Services.AddDbContextPool<TContext>((sp, options) =>
        {
            options.UseNpgsql(connectionString).AddInterceptors(
                sp.GetRequiredService<OutboxSaveChangesInterceptor>(), sp.GetRequiredService<RowLockInterceptor>());
            configure?.Invoke(options);
        });
        builder.EnrichNpgsqlDbContext<TContext>(settings => settings.DisableRetry = true);
        return builder;
    }

    /// <summary>
    /// Registers MassTransit on RabbitMQ with this service's consumers, a retry policy that ends in the
    /// <c>_error</c> queue, and the outbox dispatcher for <typeparamref name="TContext"/>.
    /// Queue names are prefixed with the service name so two services consuming one event each get a copy.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TContext>(this IHostApplicationBuilder builder, string serviceName, Assembly? consumers = null)
        where TContext : DbContext
    {
        var broker = builder.Configuration.GetConnectionString(BrokerConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{BrokerConnectionName}' is missing: run the service from the AppHost.");

        builder.Services.AddOptions<OutboxOptions>().BindConfiguration("Outbox");
        builder.Services.AddOptions<InboxOptions>().BindConfiguration("Inbox");
        builder.Services.AddOptions<DeferralOptions>().BindConfiguration("Deferral");
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration("Retention");
        var inbox = builder.Configuration.GetSection("Inbox").Get<InboxOptions>() ?? new InboxOptions();
        // Start serving only once this service's queues are bound: RabbitMQ drops what is published to an
        // exchange with no queue yet, so a consumer that announces itself early can miss its first events.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(host =>
        {
            host.WaitUntilStarted = true;
            host.StartTimeout = TimeSpan.FromSeconds(60);
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });
        var quorum = builder.Configuration.GetValue("Messaging:QuorumQueues", true);
        var deadLetters = new DeadLetterQueues(new Uri(broker), quorum);
        builder.Services.AddSingleton(deadLetters);
        builder.Services.AddSingleton<IParkedMessages, ParkedOutbox<TContext>>();
        var brokerHealth = new BrokerHealthCheck(new Uri(broker));
        builder.Services.AddSingleton(brokerHealth); // disposed with the host, closing its connection
        builder.Services.AddHealthChecks().AddCheck("broker", brokerHealth);
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        builder.Services.AddSingleton<DeferredMessages<TContext>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeferredMessages<TContext>>());
        builder.Services.TryAddSingleton<LeaderLease<TContext>>();
        builder.Services.AddHostedService<MessagingRetention<TContext>>();

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            // Every consumer takes its messages in batches (see InboxConsumer): one transaction and one commit each.
            var found = consumers?.GetTypes().Where(IsConsumer).ToList() ?? [];
            foreach (var consumer in found.Where(c => !ReplicaQueue.IsFor(c)))
            {
                bus.AddConsumer(consumer, typeof(BatchedConsumerDefinition<>).MakeGenericType(consumer));
            }
            // Consumers every replica must run (cache eviction) read from this replica's own queue, configured below.
            var everyReplica = found.Where(ReplicaQueue.IsFor).ToList();
            foreach (var consumer in everyReplica) bus.AddConsumer(consumer).ExcludeFromConfigureEndpoints();
            var replicaQueue = ReplicaQueue.NameFor(serviceName);
            // A bus that is not running is not ready: report it Unhealthy (503), never Degraded (which answers 200).
            bus.ConfigureHealthCheckOptions(health => health.MinimalFailureStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy);

            // A batch can only fill when the endpoint lets that many messages in at once.
            var inFlight = Math.Max(inbox.BatchSize * inbox.ConcurrentBatches, builder.Configuration.GetValue("Messaging:ConcurrentMessageLimit", 16));
            bus.AddConfigureEndpointsCallback((_, queue, endpoint) =>
            {
                if (queue == replicaQueue) return;
                endpoint.ConcurrentMessageLimit = inFlight;
                // A consumer queue and its _error queue (below) are quorum queues: replicated on every node of a cluster (a node
                // lost keeps them), and on one node they behave as before (Messaging:QuorumQueues=false: classic).
                if (quorum && endpoint is IRabbitMqReceiveEndpointConfigurator rabbitQueue) rabbitQueue.SetQuorumQueue();
                // Only failures that say "a server is away" reach this policy: everything else is retried alone and
                // parked by the consumer itself, so one bad message never fails a batch's others. Quick retries first;
                // then about a minute more, as an 8 s PostgreSQL restart once parked 17 messages for an operator.
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Handle<Exception>(TransientFailures.IsTransient);
                    retry.Intervals(100, 500, 2_000, 5_000, 10_000, 20_000, 30_000);
                });
                deadLetters.Track(queue);
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(broker), host => host.PublisherConfirmation = true);
                rabbit.PrefetchCount = Math.Max(inFlight, builder.Configuration.GetValue("Messaging:PrefetchCount", 64));
                if (quorum)
                {
                    rabbit.SendTopology.ConfigureErrorSettings = error => error.SetQuorumQueue();
                    rabbit.SendTopology.ConfigureDeadLetterSettings = skipped => skipped.SetQuorumQueue();
                }
                if (everyReplica.Count > 0)
                {
                    // This replica's own queue: classic, exclusive to its connection and gone with it (a quorum
                    // queue can be neither), so a replica that stops leaves nothing behind.
                    rabbit.ReceiveEndpoint(replicaQueue, endpoint =>
                    {
                        endpoint.Durable = false;
                        endpoint.AutoDelete = true;
                        endpoint.Exclusive = true;
                        foreach (var consumer in everyReplica) endpoint.ConfigureConsumer(context, consumer);
                    });
                }
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    private static bool IsConsumer(Type type) =>
        type is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IConsumer).IsAssignableFrom(type);

    /// <summary>The command-line argument that makes a service the migration step instead of a server.</summary>
    public const string MigrateArgument = "--migrate";

    /// <summary>
    /// Migrations run once, by a step before the services start (the AppHost's <c>{service}-migrate</c> resources, the
    /// deployment's Jobs): the service started with <c>--migrate</c> applies pending migrations, then the demo data
    /// when <c>Seed:Demo</c> is true, and returns true: the caller exits without serving. A normal start does neither,
    /// unless <c>Database:MigrateOnStartup</c> is true (tests that host one service alone set it).
    /// </summary>
    public static async Task<bool> MigrateDatabaseAsync<TContext>(this WebApplication app, Func<TContext, CancellationToken, Task>? demoData = null)
        where TContext : DbContext
    {
        if (demoData is not null) app.MapDemoData(demoData);
        var migrateOnly = Environment.GetCommandLineArgs().Contains(MigrateArgument);
        if (!migrateOnly && !app.Configuration.GetValue("Database:MigrateOnStartup", false)) return false;

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Tadamon.Migrations");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await db.Database.MigrateAsync();
        if (demoData is not null && app.Configuration.GetValue("Seed:Demo", false)) await demoData(db, CancellationToken.None);
        logger.LogInformation("Database {Database} ready in {Elapsed} ms",
            db.Database.GetDbConnection().Database, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return migrateOnly;
    }
}
