using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Xunit;

namespace Tadamon.ServiceDefaults.Tests;

public sealed class TraceSamplingTests
{
    [Theory]
    [InlineData("Development", null, 1.0)]
    [InlineData("Production", null, 0.1)]
    [InlineData("Production", "0.5", 0.5)]
    [InlineData("Development", "7", 1.0)]
    public void The_ratio_Should_be_all_on_a_developers_machine_a_tenth_in_production_unless_configured(string environment, string? configured, double expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(configured is null ? [] : [new(TraceSampling.RatioKey, configured)]).Build();

        Assert.Equal(expected, TraceSampling.RatioFrom(configuration, new Environment(environment)));
    }

    [Fact]
    public void With_nothing_sampled_Should_still_export_the_failed_spans_and_only_those()
    {
        var exported = Trace(ratio: 0, parent =>
        {
            using (var ok = Source.StartActivity("ok-child")) { }
            using var failed = Source.StartActivity("failed-child");
            failed!.SetStatus(ActivityStatusCode.Error, "boom");
        });

        Assert.Equal(["failed-child"], exported);
    }

    [Fact]
    public void With_everything_sampled_Should_export_every_span()
    {
        var exported = Trace(ratio: 1, parent =>
        {
            using var ok = Source.StartActivity("ok-child");
        });

        Assert.Equal(["ok-child", "root"], exported.Order());
    }

    [Fact]
    public void A_callers_unsampled_decision_Should_be_followed_and_a_sampled_one_too()
    {
        var unsampled = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);
        var sampled = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        var exported = new List<string>();
        using (var provider = Provider(ratio: 1, exported))
        {
            using (Source.StartActivity("from-unsampled", ActivityKind.Server, unsampled)) { }
        }
        using (var provider = Provider(ratio: 0, exported))
        {
            using (Source.StartActivity("from-sampled", ActivityKind.Server, sampled)) { }
        }

        Assert.Equal(["from-sampled"], exported);
    }

    private static readonly ActivitySource Source = new("Tadamon.SamplingTests");

    private static List<string> Trace(double ratio, Action<Activity?> body)
    {
        var exported = new List<string>();
        using (var provider = Provider(ratio, exported))
        {
            using var root = Source.StartActivity("root");
            body(root);
        }
        return exported;
    }

    private static TracerProvider Provider(double ratio, List<string> exported) =>
        Sdk.CreateTracerProviderBuilder()
            .AddSource(Source.Name)
            .AddTadamonSampling(ratio)
            .AddProcessor(new SimpleActivityExportProcessor(new ListExporter(exported)))
            .Build();

    private sealed class ListExporter(List<string> names) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var activity in batch) names.Add(activity.DisplayName);
            return ExportResult.Success;
        }
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
