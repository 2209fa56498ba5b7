using System.Text.RegularExpressions;

namespace Tadamon.Deployment.Tests;

/// <summary>
/// What each service reads from its environment, taken from the AppHost, which injects exactly that on a developer's
/// machine: connection strings (<c>WithDatabaseAndBroker</c>, <c>Database("...")</c>), service discovery entries
/// (<c>WithReference</c>/<c>WithService</c> of another project), identity's keys (<c>WithTokenKeys</c>) and every
/// <c>WithEnvironment</c>. Reading the AppHost rather than a list kept here means a variable added there and not
/// to the manifests fails the wiring test.
/// </summary>
public sealed partial record AppHostResource(string Name, string Variable, bool HasDatabase, IReadOnlySet<string> Environment, bool IsMigration = false)
{
    /// <summary>Set on a developer's machine only, with the reason Kubernetes does without.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotDeployed = new Dictionary<string, string>
    {
        ["Web__KeysDirectory"] = "the web's Data Protection keys live in its database (webdb), shared by every replica",
    };

    public static IReadOnlyList<AppHostResource> Read(string appHostDirectory)
    {
        var source = string.Join("\n", Directory.GetFiles(appHostDirectory, "Program.cs")
            .Select(File.ReadAllText).Select(StripComments));
        var declared = ProjectDeclaration().Matches(source)
            .Select(m => (Variable: m.Groups["var"].Value, Name: m.Groups["name"].Value, Index: m.Index)).ToList();
        var names = declared.ToDictionary(d => d.Variable, d => d.Name);

        var variables = declared.ToDictionary(d => d.Variable, _ => new HashSet<string> { "OTEL_EXPORTER_OTLP_ENDPOINT" });
        var withDatabase = new HashSet<string>();
        var migrations = new HashSet<string>();
        foreach (var (variable, statement) in Statements(source, declared.Select(d => d.Variable).ToHashSet()))
        {
            var env = variables[variable];
            foreach (Match m in DatabaseAndBroker().Matches(statement))
            {
                env.UnionWith([$"ConnectionStrings__{m.Groups[1].Value}", "ConnectionStrings__broker", "Seed__Demo"]);
                withDatabase.Add(variable);
            }
            foreach (Match m in Database().Matches(statement))
            {
                env.Add($"ConnectionStrings__{m.Groups[1].Value}");
                withDatabase.Add(variable);
            }
            if (statement.Contains("infra.Broker", StringComparison.Ordinal)) env.Add("ConnectionStrings__broker");
            if (statement.Contains(".WithTokenKeys(", StringComparison.Ordinal)) env.UnionWith(["Identity__SigningKeys__0", "Identity__EncryptionKey"]);
            foreach (Match m in Reference().Matches(statement))
            {
                if (!names.TryGetValue(m.Groups["ref"].Value, out var target)) continue;
                env.Add($"services__{target}__http__0");
                // WithService also makes the referenced service trust the gateway's forwarded headers.
                if (m.Groups["how"].Value == "WithService") variables[m.Groups["ref"].Value].Add("ForwardedHeaders__KnownNetworks");
            }
            foreach (Match m in EnvironmentCall().Matches(statement)) env.Add(m.Groups[1].Value);
            // A project started with --migrate is a migration step: a Job in Kubernetes, not a Deployment.
            if (statement.Contains("\"--migrate\"", StringComparison.Ordinal)) migrations.Add(variable);
        }
        return declared.Select(d => new AppHostResource(d.Name, d.Variable, withDatabase.Contains(d.Variable),
            variables[d.Variable].Where(v => !NotDeployed.ContainsKey(v)).ToHashSet(), migrations.Contains(d.Variable))).ToList();
    }

    /// <summary>Each statement that configures a project: its declaration, and later ones starting with its variable.</summary>
    private static IEnumerable<(string Variable, string Statement)> Statements(string source, HashSet<string> variables)
    {
        foreach (Match m in StatementStart().Matches(source))
        {
            var variable = m.Groups["var"].Value;
            if (!variables.Contains(variable)) continue;
            var end = source.IndexOf(';', m.Index);
            yield return (variable, source[m.Index..(end < 0 ? source.Length : end)]);
        }
    }

    private static string StripComments(string code) => LineComment().Replace(code, "");

    [GeneratedRegex(@"var\s+(?<var>\w+)\s*=\s*builder\.AddProject<Projects\.\w+>\(""(?<name>[\w-]+)""")]
    private static partial Regex ProjectDeclaration();
    [GeneratedRegex(@"^\s*(?:var\s+)?(?<var>\w+)(?:\s*=\s*builder\.AddProject|\s*\.With)", RegexOptions.Multiline)]
    private static partial Regex StatementStart();
    [GeneratedRegex(@"WithDatabaseAndBroker\(\s*infra\s*,\s*""(\w+)""")]
    private static partial Regex DatabaseAndBroker();
    [GeneratedRegex(@"\.Database\(\s*""(\w+)""")]
    private static partial Regex Database();
    [GeneratedRegex(@"\.(?<how>WithReference|WithService)\(\s*(?<ref>\w+)\s*\)")]
    private static partial Regex Reference();
    [GeneratedRegex(@"\.WithEnvironment\(\s*""([\w]+)""")]
    private static partial Regex EnvironmentCall();
    [GeneratedRegex(@"(?<![:""])//[^\n]*")]
    private static partial Regex LineComment();
}
