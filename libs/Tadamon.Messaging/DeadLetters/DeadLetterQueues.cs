using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Tadamon.Messaging.DeadLetters;

/// <summary>A message MassTransit parked in an <c>_error</c> queue after its retries ran out.</summary>
public sealed record DeadLetter(
    string MessageId,
    string Queue,
    string? MessageType,
    string? Error,
    string? ExceptionType,
    DateTimeOffset? FailedAt,
    string? CorrelationId);

/// <summary>
/// The operator's view of this service's <c>_error</c> queues: list what is parked, replay a message to the
/// queue it failed in (once the cause is fixed), or discard it. Messages are read without acknowledging them,
/// so looking never loses anything; replay acknowledges only after the copy is confirmed by the broker.
/// </summary>
public sealed class DeadLetterQueues(Uri broker, bool quorum = true) : IAsyncDisposable
{
    private const string ErrorSuffix = "_error";
    private readonly ConcurrentDictionary<string, byte> _inputQueues = new();
    private readonly SemaphoreSlim _connect = new(1, 1);
    private IConnection? _connection;

    private readonly ConcurrentDictionary<string, byte> _declared = new();

    /// <summary>
    /// Declares <c>{inputQueue}_error</c> as the bus would (a quorum queue unless <c>Messaging:QuorumQueues</c> is
    /// false, behind a fanout exchange of the same name) once per process, and returns its name.
    /// </summary>
    public async Task<string> EnsureErrorQueueAsync(string inputQueue, CancellationToken ct)
    {
        var name = inputQueue + ErrorSuffix;
        if (_declared.ContainsKey(name)) return name;
        await using var channel = await OpenChannelAsync(ct);
        await channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false,
            arguments: quorum ? new Dictionary<string, object?> { ["x-queue-type"] = "quorum" } : null, cancellationToken: ct);
        await channel.QueueBindAsync(name, name, "", cancellationToken: ct);
        _declared.TryAdd(name, 0);
        return name;
    }

    /// <summary>Called for each receive endpoint this service configures.</summary>
    public void Track(string inputQueue) => _inputQueues.TryAdd(inputQueue, 0);

    public IReadOnlyCollection<string> ErrorQueues => _inputQueues.Keys.Select(q => q + ErrorSuffix).Order().ToList();

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int max, CancellationToken ct)
    {
        var letters = new List<DeadLetter>();
        foreach (var queue in ErrorQueues)
        {
            // Closing the channel without acks puts every message we looked at back where it was.
            await using var channel = await OpenChannelAsync(ct);
            await foreach (var delivery in ReadAsync(channel, queue, ct))
            {
                letters.Add(Describe(queue, delivery));
                if (letters.Count >= max) return letters;
            }
        }
        return letters;
    }

    /// <summary>Sends the message back to the queue it failed in; false when no such dead letter exists.</summary>
    public Task<bool> ReplayAsync(string messageId, CancellationToken ct) => TakeAsync(messageId, replay: true, ct);

    public Task<bool> DiscardAsync(string messageId, CancellationToken ct) => TakeAsync(messageId, replay: false, ct);

    public async Task<int> ReplayAllAsync(CancellationToken ct)
    {
        var replayed = 0;
        foreach (var letter in await ListAsync(int.MaxValue, ct))
        {
            if (await ReplayAsync(letter.MessageId, ct)) replayed++;
        }
        return replayed;
    }

    private async Task<bool> TakeAsync(string messageId, bool replay, CancellationToken ct)
    {
        foreach (var queue in ErrorQueues)
        {
            await using var channel = await OpenChannelAsync(ct, confirms: true);
            await foreach (var delivery in ReadAsync(channel, queue, ct))
            {
                if (delivery.BasicProperties.MessageId != messageId) continue;
                if (replay)
                {
                    var properties = new BasicProperties(delivery.BasicProperties)
                    {
                        Headers = delivery.BasicProperties.Headers?
                            .Where(h => !h.Key.StartsWith("MT-Fault", StringComparison.Ordinal) && h.Key != "MT-Reason")
                            .ToDictionary(h => h.Key, h => h.Value),
                    };
                    var inputQueue = queue[..^ErrorSuffix.Length];
                    await channel.BasicPublishAsync("", inputQueue, mandatory: true, properties, delivery.Body, ct);
                }
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, ct);
                return true;
            }
        }
        return false;
    }

    private static async IAsyncEnumerable<BasicGetResult> ReadAsync(
        IChannel channel, string queue, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            BasicGetResult? delivery;
            try
            {
                delivery = await channel.BasicGetAsync(queue, autoAck: false, ct);
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                yield break; // the _error queue does not exist until a first message fails
            }
            if (delivery is null) yield break;
            yield return delivery;
        }
    }

    private static DeadLetter Describe(string queue, BasicGetResult delivery)
    {
        var headers = delivery.BasicProperties.Headers;
        string? Header(string name) => headers is not null && headers.TryGetValue(name, out var v) ? v switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => null,
            _ => v.ToString(),
        } : null;

        return new DeadLetter(
            delivery.BasicProperties.MessageId ?? "",
            queue,
            MessageTypeOf(delivery.Body),
            Header("MT-Fault-Message"),
            Header("MT-Fault-ExceptionType"),
            DateTimeOffset.TryParse(Header("MT-Fault-Timestamp"), out var at) ? at : null,
            delivery.BasicProperties.CorrelationId ?? Header("MT-Fault-ConversationId"));
    }

    /// <summary>MassTransit's envelope names the message type as <c>urn:message:Namespace:Type</c>.</summary>
    private static string? MessageTypeOf(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var envelope = JsonDocument.Parse(body);
            return envelope.RootElement.TryGetProperty("messageType", out var types) && types.GetArrayLength() > 0
                ? types[0].GetString()?.Split(':')[^1]
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<IChannel> OpenChannelAsync(CancellationToken ct, bool confirms = false)
    {
        if (_connection is not { IsOpen: true })
        {
            await _connect.WaitAsync(ct);
            try
            {
                if (_connection is not { IsOpen: true })
                {
                    _connection = await new ConnectionFactory { Uri = broker, ClientProvidedName = "dead-letters" }.CreateConnectionAsync(ct);
                }
            }
            finally
            {
                _connect.Release();
            }
        }
        return await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: confirms, publisherConfirmationTrackingEnabled: confirms), ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
