using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>What the AppHost decides before anything starts: its model only, no platform (seconds, not minutes).</summary>
public sealed class AppHostModelTests : IDisposable
{
    // Committed in AppHost/Program.cs until the secret moved to the state folder: must never come back.
    private const string FormerCommittedSecret = "whsec_ZGV2LW9ubHktY291cmllci1zYW5kYm94LWtleQ==";
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("tadamon-model-");

    [Fact]
    public async Task When_the_AppHost_starts_twice_on_one_state_folder_Should_generate_the_courier_secret_once_and_keep_it_there()
    {
        var first = await ParameterAsync(await ModelAsync("Development"), "courier-webhook-secret");
        var second = await ParameterAsync(await ModelAsync("Development"), "courier-webhook-secret");

        Assert.StartsWith("whsec_", first);
        Assert.NotEqual(FormerCommittedSecret, first);
        Assert.Equal(32, Convert.FromBase64String(first["whsec_".Length..]).Length);
        Assert.Equal(first, second);
        var file = Path.Combine(_state.FullName, "courier", "webhook.secret");
        Assert.Equal(first, (await File.ReadAllTextAsync(file)).Trim());
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task When_a_deployment_gives_the_courier_secret_Should_use_it_and_write_nothing()
    {
        var given = "whsec_" + Convert.ToBase64String(new byte[32]);
        var model = await ModelAsync("Production", $"Parameters:courier-webhook-secret={given}");

        Assert.Equal(given, await ParameterAsync(model, "courier-webhook-secret"));
        Assert.False(File.Exists(Path.Combine(_state.FullName, "courier", "webhook.secret")));
    }

    [Theory]
    [InlineData("Development", null, "true")]
    [InlineData("Production", null, "false")]
    [InlineData("Staging", null, "false")]
    [InlineData("Production", "true", "true")]   // asked for explicitly: identity then refuses to start (its tests)
    [InlineData("Development", "false", "false")]
    public async Task Demo_data_Should_be_seeded_only_on_a_developer_machine_or_when_asked_for(string environment, string? seed, string expected)
    {
        var model = await ModelAsync(environment, seed is null ? [] : [$"Seed:Demo={seed}"]);

        foreach (var service in new[] { "identity", "catalog", "orders", "shipping", "courses", "enrollment", "settlement" })
        {
            Assert.Equal(expected, await EnvironmentValueAsync(model, service, "Seed__Demo"));
        }
    }

    private static readonly string[] Migrated = ["identity", "catalog", "orders", "shipping", "courses", "enrollment", "web"];
    private static readonly string[] ScaledOut = ["catalog", "orders", "shipping", "enrollment", "courses", "web", "gateway"];

    [Fact]
    public async Task Every_database_Should_be_migrated_by_one_step_that_its_service_waits_for()
    {
        var model = await ModelAsync("Development", "Replicas=2");

        foreach (var service in Migrated)
        {
            var step = model.Resources.OfType<ProjectResource>().Single(r => r.Name == $"{service}-migrate");
            var target = model.Resources.Single(r => r.Name == service);
            Assert.Equal(target.Annotations.OfType<IProjectMetadata>().Single().ProjectPath, step.GetProjectMetadata().ProjectPath);
            Assert.Equal(["--migrate"], await ArgumentsAsync(model, step));
            Assert.False(step.TryGetAnnotationsOfType<ReplicaAnnotation>(out var copies) && copies.Any(c => c.Replicas > 1), "one step, however many replicas");
            Assert.Contains(target.Annotations.OfType<WaitAnnotation>(), w => w.Resource == step && w.WaitType == WaitType.WaitForCompletion);
            // The step sees the service's settings: its database, and demo data as the service would have it.
            Assert.Equal(await EnvironmentValueAsync(model, service, "Seed__Demo"), await EnvironmentValueAsync(model, step.Name, "Seed__Demo"));
        }
        Assert.NotNull(await EnvironmentValueAsync(model, "web-migrate", "ConnectionStrings__webdb"));
        Assert.DoesNotContain(model.Resources, r => r.Name == "courier-sandbox-migrate" || r.Name == "gateway-migrate");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Replicas_Should_scale_out_the_busy_services_and_tell_the_gateway_and_web_how_many_share_the_limits(int replicas)
    {
        var model = await ModelAsync("Development", $"Replicas={replicas}", "Endpoints:Proxied=false");

        foreach (var service in ScaledOut) Assert.Equal(replicas, ReplicasOf(model, service));
        Assert.Equal(1, ReplicasOf(model, "identity"));
        Assert.Equal(1, ReplicasOf(model, "courier-sandbox"));
        Assert.Equal(replicas.ToString(), await EnvironmentValueAsync(model, "gateway", "Gateway__Replicas"));
        Assert.Equal(replicas.ToString(), await EnvironmentValueAsync(model, "web", "Web__Replicas"));
        // Copies cannot share one port: a scaled-out service stays behind DCP's proxy, a single one listens directly.
        var catalog = model.Resources.Single(r => r.Name == "catalog").Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http");
        Assert.Equal(replicas > 1, catalog.IsProxied);
    }

    [Fact]
    public async Task Web_keys_Should_be_kept_in_the_web_database_encrypted_with_a_certificate_from_the_state_folder()
    {
        var model = await ModelAsync("Development");

        Assert.NotNull(await EnvironmentValueAsync(model, "web", "ConnectionStrings__webdb"));
        Assert.Null(await EnvironmentValueAsync(model, "web", "Web__KeysDirectory"));
        var encoded = await ParameterAsync(model, "web-keys-certificate");
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(encoded), null);
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(encoded, (await File.ReadAllTextAsync(Path.Combine(_state.FullName, "web", "keys-certificate.pfx.b64"))).Trim());
    }

    private static int ReplicasOf(IDistributedApplicationTestingBuilder model, string name) =>
        model.Resources.Single(r => r.Name == name).TryGetLastAnnotation<ReplicaAnnotation>(out var replicas) ? replicas.Replicas : 1;

    private static async Task<List<string>> ArgumentsAsync(IDistributedApplicationTestingBuilder model, IResource resource)
    {
        var context = new CommandLineArgsCallbackContext([], CancellationToken.None) { ExecutionContext = model.ExecutionContext };
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>()) await callback.Callback(context);
        return context.Args.Select(a => a.ToString()!).ToList();
    }

    private async Task<IDistributedApplicationTestingBuilder> ModelAsync(string environment, params string[] settings)
    {
        var model = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["Infrastructure:Mode=local", $"Infrastructure:StateDirectory={_state.FullName}", .. settings],
            (_, host) => host.EnvironmentName = environment);
        Assert.Equal(environment, model.Environment.EnvironmentName); // not the launch profile's Development
        return model;
    }

    private static async Task<string> ParameterAsync(IDistributedApplicationTestingBuilder model, string name) =>
        await model.Resources.OfType<ParameterResource>().Single(p => p.Name == name).GetValueAsync(CancellationToken.None)
            ?? throw new InvalidOperationException($"Parameter {name} has no value.");

    /// <summary>
    /// Runs the resource's environment callbacks one by one and keeps the named value. Callbacks that need a running
    /// platform (allocated endpoints) throw here; they are not the ones under test.
    /// </summary>
    private static async Task<string?> EnvironmentValueAsync(IDistributedApplicationTestingBuilder model, string resource, string name)
    {
        var target = model.Resources.Single(r => r.Name == resource);
        string? value = null;
        foreach (var callback in target.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            var context = new EnvironmentCallbackContext(model.ExecutionContext, target);
            try { await callback.Callback(context); }
            catch (Exception ex) when (ex is InvalidOperationException or NullReferenceException) { continue; }
            if (context.EnvironmentVariables.TryGetValue(name, out var set)) value = set?.ToString();
        }
        return value;
    }

    public void Dispose()
    {
        try { _state.Delete(recursive: true); } catch (IOException) { }
    }
}
