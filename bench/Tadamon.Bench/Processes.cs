namespace Tadamon.Bench;

/// <summary>
/// Memory and CPU time of the platform's processes, read from /proc. Memory is the proportional set size (PSS):
/// pages shared between processes (PostgreSQL's shared buffers, the .NET runtime's files) are split between them
/// instead of being counted once per process, so the groups add up to what the machine really holds.
/// </summary>
public static class Processes
{
    public sealed record Sample(string Name, int Count, long ResidentMb, double CpuSeconds);

    private static readonly (string Name, Func<string, bool> Matches)[] Groups =
    [
        ("gateway", cmd => cmd.Contains("/Gateway", StringComparison.Ordinal) && !cmd.StartsWith("dotnet run", StringComparison.Ordinal)),
        ("identity", cmd => cmd.Contains("/Identity.Api", StringComparison.Ordinal) && !cmd.StartsWith("dotnet run", StringComparison.Ordinal)),
        ("catalog", cmd => cmd.Contains("/Catalog.Api", StringComparison.Ordinal) && !cmd.StartsWith("dotnet run", StringComparison.Ordinal)),
        ("orders", cmd => cmd.Contains("/Orders.Api", StringComparison.Ordinal) && !cmd.StartsWith("dotnet run", StringComparison.Ordinal)),
        ("shipping", cmd => cmd.Contains("/Shipping.Api", StringComparison.Ordinal) && !cmd.StartsWith("dotnet run", StringComparison.Ordinal)),
        ("courses", cmd => cmd.Contains("/Courses.Api", StringComparison.Ordinal) && !cmd.StartsWith("dotnet run", StringComparison.Ordinal)),
        ("enrollment", cmd => cmd.Contains("/Enrollment.Api", StringComparison.Ordinal) && !cmd.StartsWith("dotnet run", StringComparison.Ordinal)),
        ("web", cmd => cmd.Contains("/Tadamon.Web", StringComparison.Ordinal) && !cmd.StartsWith("dotnet run", StringComparison.Ordinal)),
        ("settlement", cmd => cmd.Contains("/Settlement.Api", StringComparison.Ordinal) && !cmd.StartsWith("dotnet run", StringComparison.Ordinal)),
        ("courier-sandbox", cmd => cmd.Contains("/CourierSandbox", StringComparison.Ordinal) && !cmd.StartsWith("dotnet run", StringComparison.Ordinal)),
        ("postgres", cmd => cmd.StartsWith("postgres", StringComparison.Ordinal) || cmd.Contains("/bin/postgres ", StringComparison.Ordinal)),
        ("rabbitmq", cmd => cmd.Contains("beam.smp", StringComparison.Ordinal)),
        ("aspire (dcp, dashboard, dotnet run)", cmd => cmd.Contains("/dcp ", StringComparison.Ordinal) || cmd.Contains("Aspire.Dashboard", StringComparison.Ordinal)
            || cmd.StartsWith("dotnet run", StringComparison.Ordinal)),
    ];

    public static IReadOnlyList<Sample> Read()
    {
        var ticks = 100.0; // USER_HZ on Linux
        var totals = Groups.ToDictionary(g => g.Name, _ => (Count: 0, Kb: 0L, Cpu: 0.0));
        var ours = Descendants(Environment.ProcessId);
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => ours.Contains(Path.GetFileName(d))))
        {
            try
            {
                var cmd = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim();
                var group = Groups.FirstOrDefault(g => g.Matches(cmd));
                if (group.Name is null) continue;
                var pss = File.ReadLines(Path.Combine(dir, "smaps_rollup")).First(l => l.StartsWith("Pss:", StringComparison.Ordinal));
                var kb = long.Parse(pss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // utime + stime, plus cutime + cstime: the CPU of children that ended and were reaped. PostgreSQL's
                // backends come and go with the pools' connections; without the postmaster's reaped time a burst
                // that closed busy connections showed PostgreSQL at 0 s.
                var cpu = (double.Parse(fields[11]) + double.Parse(fields[12]) + double.Parse(fields[13]) + double.Parse(fields[14])) / ticks;
                var t = totals[group.Name];
                totals[group.Name] = (t.Count + 1, t.Kb + kb, t.Cpu + cpu);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return totals.Where(t => t.Value.Count > 0)
            .Select(t => new Sample(t.Key, t.Value.Count, t.Value.Kb / 1024, t.Value.Cpu)).ToList();
    }

    /// <summary>
    /// The processes this bench started, directly or not: other platforms on the same machine (other people's
    /// runs, their PostgreSQL) have the same names and must not be counted. DCP detaches from its parent and
    /// names it instead (<c>--monitor PID</c>), so its tree is followed from there.
    /// </summary>
    private static HashSet<string> Descendants(int root)
    {
        var self = root.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var children = new Dictionary<string, List<string>>();
        var pending = new Stack<string>([self]);
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => char.IsDigit(Path.GetFileName(d)[0])))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1];
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(Path.GetFileName(dir));
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains($"\0--monitor\0{self}\0", StringComparison.Ordinal))
                    pending.Push(Path.GetFileName(dir));
            }
            catch (IOException) { }
        }
        var found = new HashSet<string>();
        while (pending.TryPop(out var pid))
        {
            if (!found.Add(pid)) continue;
            foreach (var child in children.GetValueOrDefault(pid) ?? []) pending.Push(child);
        }
        return found;
    }

    /// <summary>The machine's one-minute load average: what the rates beside it shared the two cores with.</summary>
    public static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "unknown"; }
    }

    /// <summary>Runs a load and returns, with its result, the CPU seconds each process group used meanwhile.</summary>
    public static async Task<(T Result, Dictionary<string, double> CpuSeconds)> MeasureAsync<T>(Func<Task<T>> load)
    {
        var before = Read();
        var result = await load();
        var after = Read();
        return (result, after.ToDictionary(a => a.Name,
            a => Math.Max(0, a.CpuSeconds - (before.FirstOrDefault(b => b.Name == a.Name)?.CpuSeconds ?? 0))));
    }

    /// <summary>"gateway 0.21 + catalog 0.40 + postgres 0.12 ms": CPU milliseconds per answer of the groups that served it.</summary>
    public static string PerRequest(Dictionary<string, double> cpuSeconds, int requests) =>
        string.Join(" + ", new[] { "gateway", "web", "catalog", "postgres", "aspire (dcp, dashboard, dotnet run)" }
            .Where(g => cpuSeconds.GetValueOrDefault(g) > 0.05 || g == "catalog")
            .Select(g => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{g.Split(' ')[0]} {cpuSeconds.GetValueOrDefault(g) * 1000 / Math.Max(1, requests):F2}")));
}
