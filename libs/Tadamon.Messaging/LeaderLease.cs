using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Tadamon.Messaging;

/// <summary>
/// Which replica of a service does the work that must be done once, not once per replica (levels sampled for the
/// metrics, retention): the one holding a PostgreSQL advisory lock on a connection of its own. A replica that dies
/// drops its connection, and with it the lock, so another takes over at its next try. Work split row by row
/// (outbox, deferrals, courier calls, webhooks, reservation sweeps) does not need this: it claims rows with
/// <c>SKIP LOCKED</c> and every replica helps.
/// </summary>
public sealed class LeaderLease<TContext>(IServiceScopeFactory scopes) : IAsyncDisposable where TContext : DbContext
{
    /// <summary>Advisory locks live in one database, the service's own: the same key in two services never meets.</summary>
    private const string Key = "tadamon:leader";

    private readonly SemaphoreSlim gate = new(1, 1);
    private NpgsqlConnection? connection;
    private bool held;

    /// <summary>
    /// True when this replica holds the lease (taken now, or still held on a connection that answers); false when
    /// another replica holds it or the database cannot be reached.
    /// </summary>
    public async Task<bool> TryHoldAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (connection is null)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                // Unpooled: closing it must end the session, which is what frees the lock.
                var own = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false };
                connection = new NpgsqlConnection(own.ConnectionString);
                await connection.OpenAsync(ct);
                held = false;
            }
            await using var command = held
                ? new NpgsqlCommand("SELECT true", connection) // still our session: still our lock
                : new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", connection) { Parameters = { new() { Value = Key } } };
            held = (bool)(await command.ExecuteScalarAsync(ct))!;
            return held;
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
        {
            await DropAsync();
            return false;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task DropAsync()
    {
        held = false;
        if (connection is not null) await connection.DisposeAsync();
        connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        await DropAsync();
        gate.Dispose();
    }
}
