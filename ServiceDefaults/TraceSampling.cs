using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Which traces are kept. A trace is sampled where it starts, at <c>Telemetry:TraceSampleRatio</c> (1.0 on a
/// developer's machine, 0.1 in Production unless configured), and every service follows the caller's decision
/// (parent-based), so a kept trace is whole across services and the broker. Failures are kept whatever the ratio: a
/// span that is not sampled is still recorded (its data gathered, not exported, not propagated as sampled), and
/// <see cref="KeepFailedSpansProcessor"/> marks it for export when it ends with an error status (a 5xx answer, an
/// exception, a message that fails in a consumer). What this keeps of an unsampled failure is the failing spans
/// themselves, in each service where they fail, not their successful siblings: enough to see where and why.
/// The price is that unsampled spans are recorded, which costs a little CPU, never bandwidth or storage.
/// </summary>
public static class TraceSampling
{
    public const string RatioKey = "Telemetry:TraceSampleRatio";

    public static double RatioFrom(IConfiguration configuration, IHostEnvironment environment)
    {
        var ratio = configuration.GetValue<double?>(RatioKey) ?? (environment.IsProduction() ? 0.1 : 1.0);
        return Math.Clamp(ratio, 0, 1);
    }

    public static TracerProviderBuilder AddTadamonSampling(this TracerProviderBuilder tracing, double ratio) =>
        tracing.SetSampler(new RecordUnsampledSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio))))
            // Registered before any exporter (UseOtlpExporter adds its own later), so it runs first on each span's end.
            .AddProcessor(new KeepFailedSpansProcessor());
}

/// <summary>The inner sampler decides what is exported; what it drops is still recorded, so a failure can be kept.</summary>
public sealed class RecordUnsampledSampler(Sampler inner) : Sampler
{
    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        var result = inner.ShouldSample(samplingParameters);
        return result.Decision == SamplingDecision.Drop
            ? new SamplingResult(SamplingDecision.RecordOnly, result.Attributes, result.TraceStateString)
            : result;
    }
}

/// <summary>Marks a recorded-only span for export when it failed; exporters skip spans without the Recorded flag.</summary>
public sealed class KeepFailedSpansProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        if (!data.Recorded && data.Status == ActivityStatusCode.Error)
        {
            data.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
        }
    }
}
