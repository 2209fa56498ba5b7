using System.Globalization;
using System.Text;

namespace Tadamon.Bench;

/// <summary>One scenario's part of RESULTS.md: its heading and its tables.</summary>
public sealed record Section(string Title, string Markdown);

/// <summary>Writes RESULTS.md: every figure beside its baseline, with the machine and the date.</summary>
public static class Report
{
    // dotnet/eShop Catalog.API served directly, wrk -t2 -c32 -d15s on a machine of this kind (issue 8).
    private static readonly Dictionary<string, string> EshopBaseline = new()
    {
        ["10-item page"] = "~3,300 req/s",
        ["one product"] = "~4,500 req/s",
        ["name search"] = "~2,800 req/s",
    };

    public static string Write(IReadOnlyList<ProfileRun> runs, int seconds, IReadOnlyList<string> notes)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# Benchmark results");
        md.AppendLine();
        md.Append(inv, $"Run on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, ");
        md.Append(inv, $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {Environment.OSVersion}, .NET {Environment.Version}. ");
        md.Append("Load generator, platform, PostgreSQL and RabbitMQ share the same cores. ");
        md.AppendLine(inv, $"Each timed load runs {seconds} s; browse loads use 32 concurrent clients, after every path was warmed (3 s each way) and a 3 s warm-up of its own.");
        md.AppendLine();
        md.AppendLine("Reproduce: `dotnet run -c Release --project bench/Tadamon.Bench` (it starts and stops the platform itself, once per profile; "
            + "`TADAMON_BENCH_PROFILES=up` or `=production` runs one).");
        md.AppendLine();
        md.AppendLine(inv, $"Every figure below is given for each profile the run measured: {string.Join("; ", runs.Select(r => r.Profile))}.");
        md.AppendLine();
        foreach (var note in notes) md.AppendLine(inv, $"- {note}");
        if (notes.Count > 0) md.AppendLine();
        foreach (var run in runs) WriteProfile(md, run);
        // What was tuned, with its before and after, is kept by hand beside the tool so each run carries it.
        var tuning = Path.Combine(AppContext.BaseDirectory, "TUNING.md");
        if (File.Exists(tuning))
        {
            md.AppendLine();
            md.Append(File.ReadAllText(tuning));
        }
        return md.ToString();
    }

    private static void WriteProfile(StringBuilder md, ProfileRun run)
    {
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"# Profile: {run.Profile}");
        md.AppendLine();
        md.AppendLine("## Catalogue browse: through the gateway vs straight to catalog");
        md.AppendLine();
        md.AppendLine("| request | via gateway | direct | gateway/direct | p50 / p95 / p99 via gateway (ms) | p50 / p95 / p99 direct (ms) | errors | baseline (eShop Catalog.API, direct) |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (g, d) in run.Browse)
        {
            var name = d.Name.Replace(" direct", "", StringComparison.Ordinal);
            md.Append(inv, $"| {name} | {g.PerSecond:F0} req/s | {d.PerSecond:F0} req/s | {g.PerSecond / d.PerSecond:F2} | ");
            md.Append(inv, $"{g.P50Ms:F2} / {g.P95Ms:F2} / {g.P99Ms:F2} | {d.P50Ms:F2} / {d.P95Ms:F2} / {d.P99Ms:F2} | ");
            md.AppendLine(inv, $"{g.Errors + d.Errors} | {EshopBaseline.GetValueOrDefault(name.Replace(", uncached", "", StringComparison.Ordinal), "")} |");
        }
        md.AppendLine();
        md.Append(inv, $"The 10-item page is {run.ListBytes:N0} bytes of JSON (eShop's: 6.2 KB). ");
        md.AppendLine("Catalog serves anonymous reads from a 5-second output cache, evicted by every catalogue edit, so the first three rows "
            + "are cache hits; the \"uncached\" rows add a throw-away query parameter, so every request misses and goes to PostgreSQL.");
        md.AppendLine();
        md.AppendLine("CPU milliseconds per answer, by process group (steadier than req/s when the machine is shared):");
        md.AppendLine();
        md.AppendLine("| request | via gateway | direct |");
        md.AppendLine("|---|---|---|");
        foreach (var ((_, d), (g, dc)) in run.Browse.Zip(run.CpuPerRequest))
            md.AppendLine(inv, $"| {d.Name.Replace(" direct", "", StringComparison.Ordinal)} | {g} | {dc} |");
        md.AppendLine();
        if (run.Market.Count > 0)
        {
            md.AppendLine("## The market's anonymous pages through the gateway (server-rendered HTML, 32 clients)");
            md.AppendLine();
            md.AppendLine("| page | answers/s | p50 / p95 / p99 (ms) | errors | CPU ms per answer | target |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var (page, cpu) in run.Market)
                md.AppendLine(inv, $"| {page.Name} | {page.PerSecond:F0} | {page.P50Ms:F2} / {page.P95Ms:F2} / {page.P99Ms:F2} | {page.Errors} | {cpu} | ≥ 2,000/s, p99 < 50 ms |");
            md.AppendLine();
        }
        foreach (var scenario in run.Scenarios)
        {
            md.AppendLine(inv, $"## {scenario.Title}");
            md.AppendLine();
            md.AppendLine(scenario.Markdown);
        }
        md.AppendLine("## Cold start and memory");
        md.AppendLine();
        md.AppendLine(inv, $"Whole platform healthy (AppHost start to gateway healthy, binaries already built): **{run.ColdStartSeconds:F1} s**.");
        md.AppendLine();
        md.AppendLine("| processes | count | memory at idle (MB, PSS) | memory after every load (MB, PSS) | CPU seconds used |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var group in run.UnderLoad)
        {
            var before = run.Idle.FirstOrDefault(i => i.Name == group.Name);
            md.AppendLine(inv, $"| {group.Name} | {group.Count} | {before?.ResidentMb} | {group.ResidentMb} | {group.CpuSeconds:F1} |");
        }
        md.AppendLine(inv, $"| **total** | {run.UnderLoad.Sum(g => g.Count)} | **{run.Idle.Sum(g => g.ResidentMb)}** | **{run.UnderLoad.Sum(g => g.ResidentMb)}** | |");
        md.AppendLine();
        md.AppendLine("Memory is the proportional set size: shared pages are split between the processes that share them (target: under 1.5 GB at idle).");
        md.AppendLine();
    }

    /// <summary>CPU seconds each process group used between two readings, and its memory at the second.</summary>
    /// <summary>
    /// CPU and memory of each process group over a scenario, with the CPU per unit of work (purchase, webhook,
    /// pre-registration): the figure that stays put when the machine's load makes the rates swing.
    /// </summary>
    public static string ProcessTable(IReadOnlyList<Processes.Sample> before, IReadOnlyList<Processes.Sample> after, int units, string unit)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        var perUnit = Math.Max(1, units);
        md.AppendLine(inv, $"| processes | CPU seconds used | CPU ms per {unit} | memory after (MB, PSS) |");
        md.AppendLine("|---|---|---|---|");
        var used = after.Select(g => (g.Name, Cpu: Math.Max(0, g.CpuSeconds - (before.FirstOrDefault(b => b.Name == g.Name)?.CpuSeconds ?? 0)), g.ResidentMb)).ToList();
        foreach (var (name, cpu, mb) in used)
            md.AppendLine(inv, $"| {name} | {cpu:F1} | {cpu * 1000 / perUnit:F2} | {mb} |");
        // The issue's budget counts the platform's own work: services, PostgreSQL and RabbitMQ, not the dashboard and
        // DCP (development tooling) nor the courier sandbox (the courier's side).
        var platform = used.Where(g => !g.Name.StartsWith("aspire", StringComparison.Ordinal) && g.Name != "courier-sandbox").Sum(g => g.Cpu);
        var all = used.Sum(g => g.Cpu);
        md.AppendLine(inv, $"| **services + PostgreSQL + RabbitMQ** | {platform:F1} | **{platform * 1000 / perUnit:F2}** | |");
        md.AppendLine(inv, $"| all of the above | {all:F1} | {all * 1000 / perUnit:F2} | |");
        md.AppendLine();
        md.AppendLine(inv, $"{units} {unit}s; machine load average (1 min) when the scenario ended: {Processes.LoadAverage()} on {Environment.ProcessorCount} cores.");
        return md.ToString();
    }
}
