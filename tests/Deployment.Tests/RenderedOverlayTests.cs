namespace Tadamon.Deployment.Tests;

public class RenderedOverlayTests
{
    public static TheoryData<string> Overlays => new(Repository.Overlays);

    [Theory, MemberData(nameof(Overlays))]
    public void Every_object_matches_the_Kubernetes_schema(string overlay)
    {
        var manifest = Tests.Overlays.Of(overlay);

        var problems = Schemas.Problems(manifest);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(manifest.Objects.Count > 50, $"{overlay} rendered only {manifest.Objects.Count} objects");
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_object_is_wired_to_the_others_and_to_the_code(string overlay)
    {
        var problems = Tests.Overlays.WiringProblems(Tests.Overlays.Of(overlay), overlay);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_AppHost_is_read_whole()
    {
        // Guards the reader itself: if it stopped finding what the AppHost injects, every overlay would pass.
        var resources = Tests.Overlays.AppHost.Value.ToDictionary(r => r.Name);

        Assert.Contains("ConnectionStrings__ordersdb", resources["orders"].Environment);
        Assert.Contains("ConnectionStrings__broker", resources["orders"].Environment);
        Assert.Contains("services__identity__http__0", resources["orders"].Environment);
        Assert.Contains("Identity__SigningKeys__0", resources["identity"].Environment);
        Assert.Contains("Courier__WebhookSecrets__0", resources["shipping"].Environment);
        Assert.Contains("services__web__http__0", resources["gateway"].Environment);
        Assert.Contains("ForwardedHeaders__KnownNetworks", resources["catalog"].Environment);
        Assert.True(resources["catalog"].HasDatabase);
        Assert.False(resources["gateway"].HasDatabase);
    }

    [Fact]
    public void Production_runs_three_of_the_busy_services_and_clustered_servers()
    {
        var production = Tests.Overlays.Of("production");

        foreach (var busy in new[] { "gateway", "web", "catalog", "orders", "shipping", "enrollment" })
            Assert.Equal(3, (int?)production.Get("Deployment", busy)["spec"]?["replicas"]);
        Assert.Equal(3, (int?)production.Get("RabbitmqCluster", "tadamon-rabbitmq")["spec"]?["replicas"]);
        Assert.Equal(2, (int?)production.Get("Cluster", "tadamon-pg")["spec"]?["instances"]); // a primary and one standby
        Assert.Equal("true", Wiring.Environment(production, Wiring.Containers(production.Get("Deployment", "orders")).First())["Messaging__QuorumQueues"]);
    }

    [Fact]
    public void Dev_runs_one_of_each()
    {
        var dev = Tests.Overlays.Of("dev");

        Assert.All(dev.OfKind("Deployment"), d => Assert.Equal(1, (int?)d["spec"]?["replicas"]));
    }

    [Fact]
    public void Nothing_secret_is_committed()
    {
        // The overlays' secret files hold the names of the values only; a filled one must never be committed.
        var files = Directory.GetFiles(Path.Combine(Repository.Kubernetes, "overlays"), "*.env", SearchOption.AllDirectories);

        Assert.NotEmpty(files);
        Assert.All(files.SelectMany(f => File.ReadAllLines(f).Select(line => (f, line))).Where(x => x.line.Trim() is { Length: > 0 } l && !l.StartsWith('#')),
            x => Assert.True(x.line.TrimEnd().EndsWith('='), $"{Path.GetRelativePath(Repository.Root, x.f)} holds a value: {x.line.Split('=')[0]}=…"));
    }
}
