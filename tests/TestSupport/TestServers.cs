using System.Diagnostics;
using Npgsql;

namespace Tadamon.TestSupport;

/// <summary>
/// The real PostgreSQL and RabbitMQ the test run started (<c>./tadamon test</c> exports where they are).
/// Tests never assume a server that the run did not start.
/// </summary>
public static class TestServers
{
    public static string PostgresAdmin => Required("TADAMON_TEST_POSTGRES");
    public static Uri RabbitMq => new(Required("TADAMON_TEST_RABBITMQ"));

    /// <summary>
    /// rabbitmqctl for the test broker: <c>TADAMON_TEST_RABBITMQCTL</c> (the wrapper rabbitmq.sh writes, which knows
    /// the node, epmd port and cookie), else plain rabbitmqctl with <c>TADAMON_TEST_RABBITMQ_NODE</c>.
    /// </summary>
    private static (string Command, string[] Prefix) RabbitMqCtl =>
        Environment.GetEnvironmentVariable("TADAMON_TEST_RABBITMQCTL") is { Length: > 0 } wrapper
            ? (wrapper, [])
            : ("rabbitmqctl", ["-n", Required("TADAMON_TEST_RABBITMQ_NODE")]);

    /// <summary>
    /// MassTransit keeps its log context in a static; a test process starts many hosts, and a bus created after an
    /// earlier host was disposed would log through that host's disposed logger factory. Point it at the new host.
    /// </summary>
    public static void UseLoggingOf(IServiceProvider services) =>
        MassTransit.LogContext.ConfigureCurrentLogContext(
            (Microsoft.Extensions.Logging.ILoggerFactory)services.GetService(typeof(Microsoft.Extensions.Logging.ILoggerFactory))!);

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: run the tests with './tadamon test', which starts PostgreSQL and RabbitMQ for them.");

    /// <summary>A database name nobody else uses; EF creates it on first migration, <see cref="DropDatabaseAsync"/> removes it.</summary>
    public static string NewDatabaseName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];

    public static string DatabaseConnectionString(string database) => $"{PostgresAdmin};Database={database}";

    public static async Task DropDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection($"{PostgresAdmin};Database=postgres");
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// A private RabbitMQ virtual host, so parallel test classes never consume each other's messages.
    /// Returns the AMQP URI that points into it.
    /// </summary>
    public static async Task<Uri> CreateVirtualHostAsync(string name)
    {
        await RabbitMqCtlAsync("add_vhost", name);
        await RabbitMqCtlAsync("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return new UriBuilder(RabbitMq) { Path = "/" + Uri.EscapeDataString(name) }.Uri;
    }

    public static Task DeleteVirtualHostAsync(string name) => RabbitMqCtlAsync("delete_vhost", name);

    private static async Task RabbitMqCtlAsync(params string[] args)
    {
        var (command, prefix) = RabbitMqCtl;
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in prefix.Concat(args)) start.ArgumentList.Add(arg);
        if (Environment.GetEnvironmentVariable("TADAMON_TEST_RABBITMQ_HOME") is { Length: > 0 } home)
        {
            start.Environment["HOME"] = home; // rabbitmqctl finds the node's Erlang cookie there
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} failed: {await stderr}{await stdout}");
        }
    }
}
