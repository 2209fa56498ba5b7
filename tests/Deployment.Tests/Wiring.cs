using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Tadamon.Deployment.Tests.Manifest;

namespace Tadamon.Deployment.Tests;

/// <summary>
/// What a schema cannot see: whether the objects of one overlay fit together and fit the code. Each check returns
/// its problems as sentences naming the object; an overlay is wired right when there are none.
/// </summary>
public static partial class Wiring
{
    /// <summary>Deployments that stand in for a partner on a developer's cluster and never run in production.</summary>
    public static readonly string[] Sandboxes = ["courier-sandbox", "sms-sandbox"];

    public static IReadOnlyList<string> Problems(Manifest m, string overlay, IReadOnlyList<AppHostResource> appHost,
        IReadOnlyDictionary<string, string> imageProjects) =>
        [
            .. EverythingInTheNamespace(m),
            .. ServicesSelectDeployments(m),
            .. EveryDeploymentIsGoverned(m),
            .. ReferencesExist(m),
            .. VariablesResolve(m),
            .. EnvironmentMatchesTheAppHost(m, overlay, appHost),
            .. DatabasesAndBrokerAreDeclared(m),
            .. MigrationsRunFirst(m, appHost),
            .. ImagesMatchProjects(m, imageProjects),
            .. ReplicaSharesMatchReplicas(m),
        ];

    /// <summary>Objects a component adds in an overlay escape the base's namespace unless the overlay sets it too.</summary>
    public static IEnumerable<string> EverythingInTheNamespace(Manifest m)
    {
        var namespaces = m.OfKind("Namespace").Select(Name).ToList();
        if (namespaces.Count != 1)
        {
            yield return $"the overlay must create exactly one Namespace, not {namespaces.Count}";
            yield break;
        }
        foreach (var o in m.Objects.Where(o => Kind(o) is not ("Namespace" or "ClusterRole" or "ClusterRoleBinding")))
        {
            if (Text(o["metadata"]?["namespace"]) != namespaces[0]) yield return $"{Id(o)}: not in the namespace {namespaces[0]}";
        }
    }

    public static IEnumerable<string> ServicesSelectDeployments(Manifest m)
    {
        foreach (var service in m.OfKind("Service"))
        {
            var selector = Labels(service["spec"]?["selector"]);
            var selected = m.OfKind("Deployment").Where(d => selector.Count > 0 && Selects(selector, PodLabels(d))).ToList();
            if (selected.Count == 0)
            {
                yield return $"{Id(service)}: selects no Deployment's pods";
                continue;
            }
            foreach (var port in service["spec"]?["ports"]?.AsArray() ?? [])
            {
                var target = port?["targetPort"] ?? port?["port"];
                if (!selected.Any(d => Containers(d).Any(c => (c["ports"]?.AsArray() ?? []).Any(p =>
                        target is not null && (Text(p?["name"]) == Text(target) || Text(p?["containerPort"]) == Text(target))))))
                {
                    yield return $"{Id(service)}: port {Text(port?["name"])} targets {Text(target)}, which no selected container exposes";
                }
            }
        }
    }

    public static IEnumerable<string> EveryDeploymentIsGoverned(Manifest m)
    {
        foreach (var d in m.OfKind("Deployment"))
        {
            var pods = PodLabels(d);
            if (!m.OfKind("Service").Any(s => Labels(s["spec"]?["selector"]) is { Count: > 0 } sel && Selects(sel, pods)))
                yield return $"{Id(d)}: no Service selects it";
            if (!m.OfKind("PodDisruptionBudget").Any(p => Labels(p["spec"]?["selector"]?["matchLabels"]) is { Count: > 0 } sel && Selects(sel, pods)))
                yield return $"{Id(d)}: no PodDisruptionBudget covers it";
            var hpa = m.OfKind("HorizontalPodAutoscaler").FirstOrDefault(h =>
                Text(h["spec"]?["scaleTargetRef"]?["kind"]) == "Deployment" && Text(h["spec"]?["scaleTargetRef"]?["name"]) == Name(d));
            var replicas = (int?)d["spec"]?["replicas"] ?? 1;
            if (hpa is null) yield return $"{Id(d)}: no HorizontalPodAutoscaler scales it";
            else
            {
                var min = (int?)hpa["spec"]?["minReplicas"] ?? 1;
                var max = (int?)hpa["spec"]?["maxReplicas"] ?? 0;
                if (min != replicas) yield return $"{Id(d)}: {replicas} replicas but its autoscaler's minimum is {min}";
                if (max < min) yield return $"{Id(hpa)}: maxReplicas {max} below minReplicas {min}";
            }
            foreach (var c in Containers(d, init: true))
            {
                foreach (var kind in new[] { "requests", "limits" })
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    if (c["resources"]?[kind]?[resource] is null) yield return $"{Id(d)}: container {Text(c["name"])} has no {resource} {kind}";
                }
            }
            foreach (var c in Containers(d))
            {
                var ports = (c["ports"]?.AsArray() ?? []).Select(p => Text(p?["name"])).ToHashSet();
                foreach (var (probe, path) in new[] { ("readinessProbe", "/health"), ("livenessProbe", "/alive") })
                {
                    var get = c[probe]?["httpGet"];
                    if (Text(get?["path"]) != path) yield return $"{Id(d)}: container {Text(c["name"])} {probe} is not an HTTP GET of {path}";
                    else if (!ports.Contains(Text(get?["port"]))) yield return $"{Id(d)}: {probe} port {Text(get?["port"])} is not a named port of the container";
                }
            }
        }
    }

    /// <summary>Every Secret and ConfigMap a pod or operator names exists, with the key asked for.</summary>
    public static IEnumerable<string> ReferencesExist(Manifest m)
    {
        // Secrets an operator writes when it creates its cluster: not generated here, but known by their name.
        var operatorSecrets = m.OfKind("RabbitmqCluster")
            .ToDictionary(r => $"{Name(r)}-default-user", _ => new[] { "username", "password", "host", "port" });
        bool Has(string kind, string name, string? key)
        {
            if (kind == "Secret" && operatorSecrets.TryGetValue(name, out var keys)) return key is null || keys.Contains(key);
            var o = m.Find(kind, name);
            return o is not null && (key is null || o["data"]?[key] is not null || o["stringData"]?[key] is not null);
        }
        foreach (var owner in m.OfKind("Deployment").Concat(m.OfKind("Job")))
        foreach (var c in Containers(owner, init: true))
        {
            foreach (var e in c["env"]?.AsArray() ?? [])
            {
                if (e?["valueFrom"]?["secretKeyRef"] is { } s && !Has("Secret", Text(s["name"]), Text(s["key"])))
                    yield return $"{Id(owner)}: {Text(e["name"])} reads Secret {Text(s["name"])} key {Text(s["key"])}, which the overlay does not make";
                if (e?["valueFrom"]?["configMapKeyRef"] is { } cm && !Has("ConfigMap", Text(cm["name"]), Text(cm["key"])))
                    yield return $"{Id(owner)}: {Text(e["name"])} reads ConfigMap {Text(cm["name"])} key {Text(cm["key"])}, which the overlay does not make";
            }
            foreach (var from in c["envFrom"]?.AsArray() ?? [])
            {
                if (from?["configMapRef"] is { } cm && !Has("ConfigMap", Text(cm["name"]), null))
                    yield return $"{Id(owner)}: envFrom ConfigMap {Text(cm["name"])} does not exist";
                if (from?["secretRef"] is { } s && !Has("Secret", Text(s["name"]), null))
                    yield return $"{Id(owner)}: envFrom Secret {Text(s["name"])} does not exist";
            }
        }
        foreach (var cluster in m.OfKind("Cluster"))
        foreach (var role in cluster["spec"]?["managed"]?["roles"]?.AsArray() ?? [])
        {
            var secretName = Text(role?["passwordSecret"]?["name"]);
            var secret = m.Find("Secret", secretName);
            if (secret is null) yield return $"{Id(cluster)}: role {Text(role?["name"])} takes its password from Secret {secretName}, which the overlay does not make";
            else if (Decoded(secret, "username") != Text(role?["name"]) || secret["data"]?["password"] is null)
                yield return $"{Id(secret)}: must hold username {Text(role?["name"])} and a password for the role of that name";
        }
        foreach (var ingress in m.OfKind("Ingress"))
        {
            var certManager = ingress["metadata"]?["annotations"]?.AsObject().Any(a => a.Key.StartsWith("cert-manager.io/", StringComparison.Ordinal)) == true;
            foreach (var tls in ingress["spec"]?["tls"]?.AsArray() ?? [])
            {
                if (!certManager && !Has("Secret", Text(tls?["secretName"]), null))
                    yield return $"{Id(ingress)}: TLS Secret {Text(tls?["secretName"])} is neither made here nor by cert-manager";
            }
            foreach (var path in ingress["spec"]?["rules"]?.AsArray().SelectMany(r => r?["http"]?["paths"]?.AsArray() ?? []) ?? [])
            {
                if (m.Find("Service", Text(path?["backend"]?["service"]?["name"])) is null)
                    yield return $"{Id(ingress)}: routes to Service {Text(path?["backend"]?["service"]?["name"])}, which does not exist";
            }
        }
    }

    /// <summary>Kubernetes expands $(NAME) only from variables defined earlier in the same container.</summary>
    public static IEnumerable<string> VariablesResolve(Manifest m)
    {
        foreach (var owner in m.OfKind("Deployment").Concat(m.OfKind("Job")))
        foreach (var c in Containers(owner, init: true))
        {
            var defined = new HashSet<string>();
            foreach (var e in c["env"]?.AsArray() ?? [])
            {
                foreach (Match use in VariableUse().Matches(Text(e?["value"])))
                {
                    if (!defined.Contains(use.Groups[1].Value))
                        yield return $"{Id(owner)}: {Text(e?["name"])} uses $({use.Groups[1].Value}) before it is defined";
                }
                defined.Add(Text(e?["name"]));
            }
        }
    }

    public static IEnumerable<string> EnvironmentMatchesTheAppHost(Manifest m, string overlay, IReadOnlyList<AppHostResource> appHost)
    {
        foreach (var resource in appHost)
        {
            if (resource.IsMigration)
            {
                if (m.Find("Job", resource.Name) is null) yield return $"{resource.Name}: the AppHost's migration step has no Job of that name";
                continue;
            }
            var deployment = m.Find("Deployment", resource.Name);
            var sandbox = Sandboxes.Contains(resource.Name);
            if (sandbox && overlay == "production")
            {
                if (deployment is not null) yield return $"{Id(deployment)}: a sandbox must not run in production";
                continue;
            }
            if (deployment is null)
            {
                yield return $"{resource.Name}: the AppHost runs it but the {overlay} overlay has no Deployment {resource.Name}";
                continue;
            }
            var env = Environment(m, Containers(deployment).First());
            // A sandbox stands in for a partner reached at a configured URL (Courier__BaseUrl), not by service discovery.
            var expected = resource.Environment.Where(v => !Sandboxes.Any(s => v == $"services__{s}__http__0"));
            foreach (var missing in expected.Where(v => !env.ContainsKey(v)).Order())
                yield return $"{Id(deployment)}: {missing} is not set (the AppHost sets it)";
            foreach (var (name, value) in env.Where(v => v.Key.StartsWith("services__", StringComparison.Ordinal)))
            {
                var target = name.Split("__")[1];
                if (value != $"http://{target}" || m.Find("Service", target) is null)
                    yield return $"{Id(deployment)}: {name}={value} does not reach the Service {target}";
            }
        }
        foreach (var d in m.OfKind("Deployment").Where(d => appHost.All(r => r.Name != Name(d))))
            yield return $"{Id(d)}: the AppHost has no resource of that name";
    }

    /// <summary>Each connection string points at a database CloudNativePG creates for the role it logs in as.</summary>
    public static IEnumerable<string> DatabasesAndBrokerAreDeclared(Manifest m)
    {
        foreach (var owner in m.OfKind("Deployment").Concat(m.OfKind("Job")))
        foreach (var (name, value) in Environment(m, Containers(owner).First()).Where(e => e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)))
        {
            if (name == "ConnectionStrings__broker")
            {
                var host = Regex.Match(value, @"@([\w.-]+):").Groups[1].Value;
                if (m.Find("RabbitmqCluster", host) is null) yield return $"{Id(owner)}: the broker {host} is not a RabbitmqCluster of the overlay";
                continue;
            }
            var parts = value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
                .ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1] : "", StringComparer.OrdinalIgnoreCase);
            var db = parts.GetValueOrDefault("Database", "");
            var user = parts.GetValueOrDefault("Username", "");
            var database = m.OfKind("Database").FirstOrDefault(d => Text(d["spec"]?["name"]) == db);
            if (database is null)
            {
                yield return $"{Id(owner)}: {name} names database {db}, which no CloudNativePG Database creates";
                continue;
            }
            var cluster = m.Find("Cluster", Text(database["spec"]?["cluster"]?["name"]));
            if (Text(database["spec"]?["owner"]) != user) yield return $"{Id(owner)}: {name} logs in as {user}, but {db} belongs to {Text(database["spec"]?["owner"])}";
            if (cluster is null) yield return $"{Id(database)}: its cluster {Text(database["spec"]?["cluster"]?["name"])} is not in the overlay";
            else
            {
                if (parts.GetValueOrDefault("Host") != $"{Name(cluster)}-rw") yield return $"{Id(owner)}: {name} must write through {Name(cluster)}-rw (the primary)";
                if (cluster["spec"]?["managed"]?["roles"]?.AsArray().Any(r => Text(r?["name"]) == user) != true)
                    yield return $"{Id(cluster)}: has no managed role {user} for {db}";
            }
        }
    }

    public static IEnumerable<string> MigrationsRunFirst(Manifest m, IReadOnlyList<AppHostResource> appHost)
    {
        foreach (var resource in appHost.Where(r => r.HasDatabase && !r.IsMigration))
        {
            if (m.Find("Deployment", resource.Name) is not { } deployment) continue;
            var jobName = $"{resource.Name}-migrate";
            var job = m.Find("Job", jobName);
            if (job is null)
            {
                yield return $"{Id(deployment)}: has a database but no migration Job {jobName}";
                continue;
            }
            var migrate = Containers(job).First();
            if (migrate["args"]?.ToJsonString() != "[\"--migrate\"]") yield return $"{Id(job)}: must run the service with --migrate alone";
            if (Text(migrate["image"]) != Text(Containers(deployment).First()["image"])) yield return $"{Id(job)}: runs another image than {Id(deployment)}";
            var jobEnv = Environment(m, migrate);
            foreach (var missing in resource.Environment.Where(v => v.StartsWith("ConnectionStrings__", StringComparison.Ordinal) && !jobEnv.ContainsKey(v)))
                yield return $"{Id(job)}: {missing} is not set";
            if (!Containers(deployment, init: true).Except(Containers(deployment)).Any(c =>
                    (c["args"]?.AsArray() ?? []).Select(Text).Contains($"job/{jobName}") && (c["args"]?.AsArray() ?? []).Select(Text).Any(a => a.StartsWith("--for=condition=complete", StringComparison.Ordinal))))
                yield return $"{Id(deployment)}: no init container waits for job/{jobName} to complete";
            var account = Text(deployment["spec"]?["template"]?["spec"]?["serviceAccountName"]);
            var binding = m.OfKind("RoleBinding").FirstOrDefault(b => (b["subjects"]?.AsArray() ?? []).Any(s => Text(s?["kind"]) == "ServiceAccount" && Text(s?["name"]) == account));
            var role = binding is null ? null : m.Find("Role", Text(binding["roleRef"]?["name"]));
            if (role is null || !(role["rules"]?.AsArray() ?? []).Any(r =>
                    (r?["resources"]?.AsArray() ?? []).Select(Text).Contains("jobs") && (r?["verbs"]?.AsArray() ?? []).Select(Text).Contains("get")))
                yield return $"{Id(deployment)}: its service account '{account}' may not read Jobs, so its init container cannot wait";
        }
    }

    public static IEnumerable<string> ImagesMatchProjects(Manifest m, IReadOnlyDictionary<string, string> imageProjects)
    {
        foreach (var owner in m.OfKind("Deployment").Concat(m.OfKind("Job")))
        foreach (var c in Containers(owner))
        {
            var image = Text(c["image"]);
            var repository = image.Split('@')[0];
            var slash = repository.LastIndexOf('/');
            if (repository.LastIndexOf(':') is var colon && colon > slash) repository = repository[..colon];
            // An overlay may point the image at its registry (images: newName): the host is not part of the name.
            if (repository.Split('/') is { Length: > 2 } segments && (segments[0].Contains('.') || segments[0].Contains(':')))
                repository = string.Join('/', segments[1..]);
            if (!imageProjects.ContainsKey(repository))
                yield return $"{Id(owner)}: image {image} is built by no project (ContainerRepository)";
            else if (owner["kind"]?.ToString() == "Deployment" && repository != $"tadamon/{Name(owner)}")
                yield return $"{Id(owner)}: runs {repository}, another service's image";
            if (!image.Contains(':', StringComparison.Ordinal) || image.EndsWith(":latest", StringComparison.Ordinal))
                yield return $"{Id(owner)}: image {image} has no fixed tag";
        }
    }

    /// <summary>
    /// The gateway and the web enforce 1/N of every rate limit each (<c>Gateway__Replicas</c>, <c>Web__Replicas</c>):
    /// N must be the number that runs, and their autoscalers must not add more.
    /// </summary>
    public static IEnumerable<string> ReplicaSharesMatchReplicas(Manifest m)
    {
        foreach (var d in m.OfKind("Deployment"))
        {
            var share = Environment(m, Containers(d).First()).Where(e => ShareSetting().IsMatch(e.Key)).ToList();
            if (share.Count == 0) continue;
            var replicas = (int?)d["spec"]?["replicas"] ?? 1;
            foreach (var (name, value) in share.Where(e => e.Value != replicas.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                yield return $"{Id(d)}: {replicas} replicas but {name}={value}";
            var hpa = m.OfKind("HorizontalPodAutoscaler").FirstOrDefault(h => Text(h["spec"]?["scaleTargetRef"]?["name"]) == Name(d));
            if (hpa is not null && (int?)hpa["spec"]?["maxReplicas"] != replicas)
                yield return $"{Id(hpa)}: may grow {Name(d)} past its {share[0].Key} ({replicas})";
        }
    }

    /// <summary>A container's variables: its own, and those its envFrom ConfigMaps and Secrets give (names only for values from refs).</summary>
    public static Dictionary<string, string> Environment(Manifest m, JsonNode container)
    {
        var env = new Dictionary<string, string>();
        foreach (var from in container["envFrom"]?.AsArray() ?? [])
        {
            var source = from?["configMapRef"] is { } cm ? m.Find("ConfigMap", Text(cm["name"])) : from?["secretRef"] is { } s ? m.Find("Secret", Text(s["name"])) : null;
            foreach (var (k, v) in source?["data"]?.AsObject() ?? []) env[k] = Text(v);
        }
        foreach (var e in container["env"]?.AsArray() ?? []) env[Text(e?["name"])] = Text(e?["value"]);
        return env;
    }

    public static IEnumerable<JsonNode> Containers(JsonNode owner, bool init = false)
    {
        var pod = owner["spec"]?["template"]?["spec"];
        var main = pod?["containers"]?.AsArray() ?? [];
        var first = init ? pod?["initContainers"]?.AsArray() ?? [] : [];
        return first.Concat(main).OfType<JsonNode>();
    }

    private static Dictionary<string, string> PodLabels(JsonNode d) => Labels(d["spec"]?["template"]?["metadata"]?["labels"]);

    private static Dictionary<string, string> Labels(JsonNode? node) =>
        node?.AsObject().ToDictionary(p => p.Key, p => Text(p.Value)) ?? [];

    private static bool Selects(Dictionary<string, string> selector, Dictionary<string, string> labels) =>
        selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);

    private static string Decoded(JsonNode secret, string key) =>
        secret["data"]?[key] is { } v ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Text(v))) : "";

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    [GeneratedRegex(@"^(Gateway|Web)__Replicas$")]
    private static partial Regex ShareSetting();

    [GeneratedRegex(@"\$\((\w+)\)")]
    private static partial Regex VariableUse();
}
