using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tadamon.Messaging;

/// <summary>
/// <c>SELECT ... FOR UPDATE</c> on an ordinary LINQ query. EF has no such operator, and <c>FromSql</c> gives it up
/// at a price: EF regenerates a <c>FromSql</c> query's SQL on every run, under a lock every query shares
/// (dotnet-trace of the checkout burst: catalog's row locks spent their time there, see bench/TUNING.md).
/// A tagged LINQ query keeps EF's cached SQL, and <see cref="RowLockInterceptor"/> appends the clause.
/// </summary>
public static class RowLocks
{
    private const string ForUpdateTag = "tadamon:for-update";
    private const string SkipLockedTag = "tadamon:for-update-skip-locked";

    /// <summary>
    /// Locks the returned rows until the transaction ends; with <paramref name="skipLocked"/>, rows another
    /// transaction holds are left out instead of waited for. For queries of one table only: PostgreSQL refuses
    /// FOR UPDATE on the nullable side of an outer join, which a collection <c>Include</c> produces.
    /// </summary>
    public static IQueryable<T> ForUpdate<T>(this IQueryable<T> query, bool skipLocked = false) =>
        query.TagWith(skipLocked ? SkipLockedTag : ForUpdateTag);

    internal static void Apply(DbCommand command)
    {
        // EF writes tags as leading "-- tag" comment lines.
        var sql = command.CommandText;
        if (sql.StartsWith("-- " + SkipLockedTag, StringComparison.Ordinal)) command.CommandText = sql + "\nFOR UPDATE SKIP LOCKED";
        else if (sql.StartsWith("-- " + ForUpdateTag, StringComparison.Ordinal)) command.CommandText = sql + "\nFOR UPDATE";
    }
}

internal sealed class RowLockInterceptor : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        RowLocks.Apply(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        RowLocks.Apply(command);
        return ValueTask.FromResult(result);
    }
}
