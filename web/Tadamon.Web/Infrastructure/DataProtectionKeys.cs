using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Tadamon.Web.Infrastructure;

/// <summary>
/// The keys that sign and encrypt the web's cookies (session, antiforgery, language) live in the web's own PostgreSQL
/// database, so every replica reads the cookies the others issued, and a restart signs nobody out. Each key is
/// stored encrypted with the certificate from <c>Web:KeysCertificate</c> (PKCS#12, base64): a copy of the database
/// alone does not give the keys away.
/// </summary>
public static class DataProtectionKeys
{
    public const string ConnectionName = "webdb";

    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS data_protection_keys (
            friendly_name text PRIMARY KEY,
            xml text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now())
        """;

    public static void AddDataProtectionKeys(this IHostApplicationBuilder builder)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName("tadamon-web");
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (connectionString is null) return; // alone (a test of the pages): keys in memory, as before

        var source = NpgsqlDataSource.Create(connectionString);
        builder.Services.AddSingleton(new KeyStore(source, connectionString));
        protection.AddKeyManagementOptions(options => options.XmlRepository = new PostgresXmlRepository(source));
        if (builder.Configuration["Web:KeysCertificate"] is { Length: > 0 } encoded)
        {
            var certificate = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(encoded), password: null);
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
    }

    /// <summary>
    /// <c>--migrate</c>: creates the key table, then returns true: the caller exits without serving (the migration
    /// step of the AppHost and of the deployment). A normal start expects the table to be there.
    /// </summary>
    public static async Task<bool> MigrateKeyStoreAsync(this WebApplication app)
    {
        if (!Environment.GetCommandLineArgs().Contains("--migrate")) return false;
        var store = app.Services.GetService<KeyStore>()
            ?? throw new InvalidOperationException($"--migrate needs the connection string '{ConnectionName}'.");
        await EnsureDatabaseAsync(store.ConnectionString);
        await using var command = store.Source.CreateCommand(CreateTable);
        await command.ExecuteNonQueryAsync();
        app.Logger.LogInformation("Data Protection key table ready");
        return true;
    }

    /// <summary>
    /// Where the server does not make the database itself (the local PostgreSQL of <c>./tadamon up</c>; EF does it
    /// for the services), the step makes it, as the server's superuser there may.
    /// </summary>
    private static async Task EnsureDatabaseAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync();
        }
        catch (PostgresException missing) when (missing.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
            await using var server = new NpgsqlConnection(maintenance.ConnectionString);
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"")}\"", server);
            await create.ExecuteNonQueryAsync();
        }
    }

    private sealed record KeyStore(NpgsqlDataSource Source, string ConnectionString);

    private sealed class PostgresXmlRepository(NpgsqlDataSource source) : IXmlRepository
    {
        // The key manager calls these synchronously, rarely: at start, when a key is made (every 90 days) and when
        // an unknown key id arrives.
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var command = source.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at");
            using var reader = command.ExecuteReader();
            var keys = new List<XElement>();
            while (reader.Read()) keys.Add(XElement.Parse(reader.GetString(0)));
            return keys;
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var command = source.CreateCommand(
                "INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING");
            command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
            command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
            command.ExecuteNonQuery();
        }
    }
}
