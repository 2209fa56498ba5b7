using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Tadamon.Messaging.DeadLetters;

/// <summary>
/// <c>/operations/dead-letters</c> in every service: operators see what failed, and replay or discard it.
/// The Aspire dashboard's resource commands call the same endpoints.
/// </summary>
public static class DeadLettersApi
{
    public static RouteGroupBuilder MapDeadLetters(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/operations/dead-letters").WithTags("Operations");
        group.MapGet("/", List).WithName("ListDeadLetters").For(Roles.Operator).WithSummary("Messages parked in this service's _error queues");
        group.MapPost("/{messageId}/replay", Replay).WithName("ReplayDeadLetter").For(Roles.Operator).WithSummary("Send a parked message back to its queue");
        group.MapPost("/replay-all", ReplayAll).WithName("ReplayAllDeadLetters").For(Roles.Operator).WithSummary("Send every parked message back to its queue");
        group.MapDelete("/{messageId}", Discard).WithName("DiscardDeadLetter").For(Roles.Operator).WithSummary("Drop a parked message for good");
        return group;
    }

    public sealed record ReplayAllResponse(int Replayed);

    // Parked outbox rows (queue "outbox") are listed after the broker's dead letters and replayed the same way.
    private static async Task<Results<Ok<IReadOnlyList<DeadLetter>>, ProblemHttpResult>> List(
        HttpContext http, CallerAccessor callers, DeadLetterQueues queues, IEnumerable<IParkedMessages> parked, CancellationToken ct, int max = 100)
    {
        if (Refuse(http, callers) is { } refused) return refused;
        max = Math.Clamp(max, 1, 500);
        var letters = (await queues.ListAsync(max, ct)).ToList();
        foreach (var source in parked)
        {
            if (letters.Count < max) letters.AddRange(await source.ListAsync(max - letters.Count, ct));
        }
        return TypedResults.Ok<IReadOnlyList<DeadLetter>>(letters);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Replay(
        string messageId, HttpContext http, CallerAccessor callers, DeadLetterQueues queues, IEnumerable<IParkedMessages> parked, CancellationToken ct)
    {
        if (Refuse(http, callers) is { } refused) return refused;
        return await AnyAsync(parked, p => p.ReplayAsync(messageId, ct)) || await queues.ReplayAsync(messageId, ct)
            ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<ReplayAllResponse>, ProblemHttpResult>> ReplayAll(
        HttpContext http, CallerAccessor callers, DeadLetterQueues queues, IEnumerable<IParkedMessages> parked, CancellationToken ct)
    {
        if (Refuse(http, callers) is { } refused) return refused;
        var replayed = await queues.ReplayAllAsync(ct);
        foreach (var source in parked) replayed += await source.ReplayAllAsync(ct);
        return TypedResults.Ok(new ReplayAllResponse(replayed));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Discard(
        string messageId, HttpContext http, CallerAccessor callers, DeadLetterQueues queues, IEnumerable<IParkedMessages> parked, CancellationToken ct)
    {
        if (Refuse(http, callers) is { } refused) return refused;
        return await AnyAsync(parked, p => p.DiscardAsync(messageId, ct)) || await queues.DiscardAsync(messageId, ct)
            ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static async Task<bool> AnyAsync(IEnumerable<IParkedMessages> sources, Func<IParkedMessages, Task<bool>> act)
    {
        foreach (var source in sources)
        {
            if (await act(source)) return true;
        }
        return false;
    }

    private static ProblemHttpResult? Refuse(HttpContext http, CallerAccessor callers) =>
        Problems.RefuseUnless(http, callers.Current, callers.Current.IsInRole(Roles.Operator));
}
