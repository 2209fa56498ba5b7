using Npgsql;

namespace Tadamon.Bench;

/// <summary>
/// Read-only look into a service's own database, for facts the API does not expose in bulk: when each order was
/// confirmed (its outbox row), how many seats are taken. The bench never writes here.
/// </summary>
public sealed class Database(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params object[] args)
    {
        await using var command = _source.CreateCommand(sql);
        foreach (var arg in args) command.Parameters.Add(new NpgsqlParameter { Value = arg });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    public async Task<long> CountAsync(string sql, params object[] args) =>
        (await QueryAsync(sql, r => r.GetInt64(0), args)).Single();

    /// <summary>When each event of a type was written to the outbox, by the id its payload names.</summary>
    public async Task<Dictionary<Guid, DateTimeOffset>> OutboxTimesAsync(string eventType, string idProperty)
    {
        var rows = await QueryAsync($"SELECT (payload->>'{idProperty}')::uuid, created_at FROM outbox_messages WHERE type LIKE $1",
            r => (Id: r.GetGuid(0), At: r.GetFieldValue<DateTimeOffset>(1)), eventType + ",%");
        return rows.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Min(r => r.At));
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
