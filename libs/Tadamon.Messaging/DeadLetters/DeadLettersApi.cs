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
        HttpContext http, CallerAccessor callers, DeadLetterQueues queues, IParkedOutbox outbox, CancellationToken ct, int max = 100)
    {
        if (Refuse(http, callers) is { } refused) return refused;
        max = Math.Clamp(max, 1, 500);
        var letters = (await queues.ListAsync(max, ct)).ToList();
        if (letters.Count < max) letters.AddRange(await outbox.ListAsync(max - letters.Count, ct));
        return TypedResults.Ok<IReadOnlyList<DeadLetter>>(letters);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Replay(
        string messageId, HttpContext http, CallerAccessor callers, DeadLetterQueues queues, IParkedOutbox outbox, CancellationToken ct)
    {
        if (Refuse(http, callers) is { } refused) return refused;
        return await outbox.ReplayAsync(messageId, ct) || await queues.ReplayAsync(messageId, ct)
            ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<ReplayAllResponse>, ProblemHttpResult>> ReplayAll(
        HttpContext http, CallerAccessor callers, DeadLetterQueues queues, IParkedOutbox outbox, CancellationToken ct)
    {
        if (Refuse(http, callers) is { } refused) return refused;
        return TypedResults.Ok(new ReplayAllResponse(await outbox.ReplayAllAsync(ct) + await queues.ReplayAllAsync(ct)));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Discard(
        string messageId, HttpContext http, CallerAccessor callers, DeadLetterQueues queues, IParkedOutbox outbox, CancellationToken ct)
    {
        if (Refuse(http, callers) is { } refused) return refused;
        return await outbox.DiscardAsync(messageId, ct) || await queues.DiscardAsync(messageId, ct)
            ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static ProblemHttpResult? Refuse(HttpContext http, CallerAccessor callers) =>
        Problems.RefuseUnless(http, callers.Current, callers.Current.IsInRole(Roles.Operator));
}
