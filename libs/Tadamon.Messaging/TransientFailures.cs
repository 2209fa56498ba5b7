using System.Net.Sockets;
using Npgsql;

namespace Tadamon.Messaging;

/// <summary>Failures that say "a server is away", not "this message is wrong": worth waiting out.</summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is NpgsqlException { IsTransient: true } or SocketException or TimeoutException
                || ex is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CannotConnectNow })
                return true;
        }
        return false;
    }
}
