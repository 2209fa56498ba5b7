using System.Text.Json.Nodes;

namespace Tadamon.Deployment.Tests;

/// <summary>The checks catch what they claim to: each case breaks one thing in the rendered production overlay.</summary>
public class BrokenManifestTests
{
    private static readonly Dictionary<string, (Action<Manifest> Break, string Expected)> Cases = new()
    {
        ["misspelled field"] = (m => Container(m, "Deployment", "orders")["imagePullPolicyy"] = "Always",
            "imagePullPolicyy is not a field of V1Deployment"),
        ["wrong type"] = (m => m.Get("Deployment", "orders")["spec"]!["replicas"] = "three", "Deployment/orders: not a valid V1Deployment"),
        ["misspelled CRD field"] = (m => m.Get("RabbitmqCluster", "tadamon-rabbitmq")["spec"]!["replica"] = 3, "RabbitmqCluster/tadamon-rabbitmq: /spec"),
        ["CRD value out of range"] = (m => m.Get("Cluster", "tadamon-pg")["spec"]!["instances"] = 0, "Cluster/tadamon-pg: /spec/instances"),
        ["kind without a schema"] = (m => m.Get("Database", "ordersdb")["apiVersion"] = "postgresql.cnpg.io/v2",
            "is neither a built-in kind nor a kept CRD schema"),
    };

    private static readonly Dictionary<string, (Action<Manifest> Break, string Expected)> WiringCases = new()
    {
        ["Service selects nothing"] = (m => m.Get("Service", "orders")["spec"]!["selector"]!["app.kubernetes.io/name"] = "order",
            "Service/orders: selects no Deployment's pods"),
        ["Service port not exposed"] = (m => m.Get("Service", "catalog")["spec"]!["ports"]![0]!["targetPort"] = "https",
            "Service/catalog: port http targets https"),
        ["connection string missing"] = (m => RemoveEnv(m, "orders", "ConnectionStrings__ordersdb"),
            "Deployment/orders: ConnectionStrings__ordersdb is not set (the AppHost sets it)"),
        ["secret not generated"] = (m => m.Objects.ToList().ForEach(o => { if (Manifest.Id(o) == "Secret/identity-token-keys") o["metadata"]!["name"] = "identity-keys"; }),
            "Deployment/identity: Identity__SigningKeys__0 reads Secret identity-token-keys key signing-key, which the overlay does not make"),
        ["secret key misspelled"] = (m => Env(m, "shipping", "Courier__WebhookSecrets__0")["valueFrom"]!["secretKeyRef"]!["key"] = "webhook-secrets",
            "reads Secret courier-partner key webhook-secrets"),
        ["variable used before it is defined"] = (m => MoveToEnd(m, "orders", "DB_PASSWORD"),
            "Deployment/orders: ConnectionStrings__ordersdb uses $(DB_PASSWORD) before it is defined"),
        ["no autoscaler"] = (m => Remove(m, "HorizontalPodAutoscaler", "orders"), "Deployment/orders: no HorizontalPodAutoscaler scales it"),
        ["no disruption budget"] = (m => Remove(m, "PodDisruptionBudget", "web"), "Deployment/web: no PodDisruptionBudget covers it"),
        ["readiness on the liveness path"] = (m => Container(m, "Deployment", "courses")["readinessProbe"]!["httpGet"]!["path"] = "/alive",
            "Deployment/courses: container courses readinessProbe is not an HTTP GET of /health"),
        ["no memory limit"] = (m => Container(m, "Deployment", "enrollment")["resources"]!["limits"]!.AsObject().Remove("memory"),
            "Deployment/enrollment: container enrollment has no memory limits"),
        ["gateway share out of step"] = (m => m.Get("Deployment", "gateway")["spec"]!["replicas"] = 4,
            "Deployment/gateway: 4 replicas but Gateway__Replicas=3"),
        ["web share out of step"] = (m => m.Get("HorizontalPodAutoscaler", "web")["spec"]!["maxReplicas"] = 6,
            "HorizontalPodAutoscaler/web: may grow web past its Web__Replicas (3)"),
        ["no migration Job"] = (m => Remove(m, "Job", "catalog-migrate"), "Deployment/catalog: has a database but no migration Job catalog-migrate"),
        ["migration not awaited"] = (m => m.Get("Deployment", "shipping")["spec"]!["template"]!["spec"]!.AsObject().Remove("initContainers"),
            "Deployment/shipping: no init container waits for job/shipping-migrate to complete"),
        ["image of no project"] = (m => Container(m, "Deployment", "orders")["image"] = "tadamon/order:1.0.0",
            "Deployment/orders: image tadamon/order:1.0.0 is built by no project"),
        ["database not created"] = (m => Remove(m, "Database", "coursesdb"), "names database coursesdb, which no CloudNativePG Database creates"),
        ["object outside the namespace"] = (m => m.Get("Service", "web")["metadata"]!.AsObject().Remove("namespace"), "Service/web: not in the namespace tadamon"),
    };

    public static TheoryData<string> SchemaCaseNames => new(Cases.Keys);
    public static TheoryData<string> WiringCaseNames => new(WiringCases.Keys);

    [Theory, MemberData(nameof(SchemaCaseNames))]
    public void The_schema_check_finds(string broken)
    {
        var manifest = Overlays.Of("production");
        Assert.Empty(Schemas.Problems(manifest));

        Cases[broken].Break(manifest);

        var problems = Schemas.Problems(manifest);
        Assert.True(problems.Any(p => p.Contains(Cases[broken].Expected, StringComparison.Ordinal)),
            $"expected a problem containing '{Cases[broken].Expected}', got:\n{string.Join("\n", problems)}");
    }

    [Theory, MemberData(nameof(WiringCaseNames))]
    public void The_wiring_check_finds(string broken)
    {
        var manifest = Overlays.Of("production");
        Assert.Empty(Overlays.WiringProblems(manifest, "production"));

        WiringCases[broken].Break(manifest);

        var problems = Overlays.WiringProblems(manifest, "production");
        Assert.True(problems.Any(p => p.Contains(WiringCases[broken].Expected, StringComparison.Ordinal)),
            $"expected a problem containing '{WiringCases[broken].Expected}', got:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void The_wiring_check_refuses_the_courier_sandbox_in_production()
    {
        var dev = Overlays.Of("dev");
        var sandbox = (JsonObject)dev.Get("Deployment", "courier-sandbox").DeepClone();
        var production = new Manifest([.. Overlays.Of("production").Objects, sandbox]);

        Assert.Contains("Deployment/courier-sandbox: a sandbox must not run in production", Overlays.WiringProblems(production, "production"));
    }

    [Fact]
    public void A_variable_the_AppHost_adds_must_be_deployed()
    {
        // The expected environment is read from the AppHost: a setting added there and not here fails the wiring.
        var folder = Directory.CreateTempSubdirectory("apphost-");
        try
        {
            var program = File.ReadAllText(Path.Combine(Repository.Root, "AppHost", "Program.cs"));
            File.WriteAllText(Path.Combine(folder.FullName, "Program.cs"),
                program.Replace("builder.Build().Run();", "orders.WithEnvironment(\"Orders__NewSetting\", \"on\");\nbuilder.Build().Run();", StringComparison.Ordinal));
            var appHost = AppHostResource.Read(folder.FullName);

            var problems = Wiring.Problems(Overlays.Of("production"), "production", appHost, Overlays.ImageProjects.Value);

            Assert.Equal(["Deployment/orders: Orders__NewSetting is not set (the AppHost sets it)"], problems);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static JsonNode Container(Manifest m, string kind, string name) => Wiring.Containers(m.Get(kind, name)).First();

    private static JsonNode Env(Manifest m, string deployment, string variable) =>
        Container(m, "Deployment", deployment)["env"]!.AsArray().First(e => (string?)e!["name"] == variable)!;

    private static void RemoveEnv(Manifest m, string deployment, string variable) =>
        Container(m, "Deployment", deployment)["env"]!.AsArray().Remove(Env(m, deployment, variable));

    private static void MoveToEnd(Manifest m, string deployment, string variable)
    {
        var env = Container(m, "Deployment", deployment)["env"]!.AsArray();
        var entry = Env(m, deployment, variable);
        env.Remove(entry);
        env.Add(entry);
    }

    private static void Remove(Manifest m, string kind, string name) => m.Remove(kind, name);
}
