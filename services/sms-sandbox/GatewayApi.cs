using Microsoft.AspNetCore.Http.HttpResults;

namespace Tadamon.SmsSandbox;

/// <summary>The gateway's send API (what notifications calls) and the sandbox's control panel (what developers and tests call).</summary>
public static class GatewayApi
{
    /// <summary>A message to send: the sender name shown on the phone, the recipient in international form, the text, the client's own reference.</summary>
    public sealed record OutgoingSms(string? Sender, string? Recipient, string? Text, string? Reference);

    public sealed record Accepted(string MessageId, string Status);

    /// <summary>Two concatenated SMS of 70 Arabic characters at most each, about what Moroccan gateways take per message.</summary>
    public const int MaxTextLength = 640;

    public static WebApplication MapGatewayApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("SMS gateway API")
            .AddEndpointFilter(async (context, next) =>
            {
                var handset = context.HttpContext.RequestServices.GetRequiredService<Handset>();
                // An outage on request: notifications must keep its messages and retry them once the gateway is back.
                if (handset.Faults.Outage) return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                if (handset.Faults.SlowAnswers) await Task.Delay(TimeSpan.FromSeconds(3), context.HttpContext.RequestAborted);
                return await next(context);
            });
        api.MapPost("/messages", Send).WithName("SendSms")
            .WithSummary("Send one SMS; the same reference again answers the message already accepted, and sends nothing");
        api.MapGet("/messages/{messageId}", (string messageId, Handset handset) =>
                handset.Find(messageId) is { } sms ? Results.Ok(sms) : Results.NotFound())
            .WithName("GetSms").WithSummary("One message and its delivery status");
        return app;
    }

    private static Results<Ok<Accepted>, ValidationProblem> Send(OutgoingSms sms, Handset handset, CallbackSender callbacks, TimeProvider clock, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(sms.Sender) || sms.Sender.Length > 11)
            return Problems.Invalid(http, "sender", "Nom d'expéditeur requis (11 caractères au plus).", "اسم المرسل مطلوب (11 حرفا على الأكثر).");
        if (sms.Recipient is null || MoroccanPhone.Normalise(sms.Recipient) != sms.Recipient)
            return Problems.Invalid(http, "recipient", "Destinataire : un mobile marocain au format +2126XXXXXXXX ou +2127XXXXXXXX.", "المرسل إليه: رقم هاتف محمول مغربي بصيغة ‎+2126XXXXXXXX.");
        if (string.IsNullOrWhiteSpace(sms.Text) || sms.Text.Length > MaxTextLength)
            return Problems.Invalid(http, "text", $"Texte requis ({MaxTextLength} caractères au plus).", $"النص مطلوب ({MaxTextLength} حرفا على الأكثر).");
        if (string.IsNullOrWhiteSpace(sms.Reference) || sms.Reference.Length > 64)
            return Problems.Invalid(http, "reference", "Référence client requise (64 caractères au plus).", "مرجع المرسل مطلوب (64 حرفا على الأكثر).");
        var (accepted, isNew) = handset.Accept(sms.Sender, sms.Recipient, sms.Text, sms.Reference, clock.GetUtcNow());
        if (isNew) callbacks.Accepted(accepted);
        return TypedResults.Ok(new Accepted(accepted.MessageId, accepted.Status));
    }

    public static WebApplication MapSandboxControl(this WebApplication app)
    {
        var control = app.MapGroup("/control").WithTags("Sandbox control");
        control.MapGet("/messages", (string? to, Handset handset) => TypedResults.Ok(to is null ? handset.All() : handset.To(to)))
            .WithName("ReceivedMessages").WithSummary("Every message the gateway accepted (or those to one number), oldest first");
        control.MapGet("/faults", (Handset handset) => TypedResults.Ok(handset.Faults)).WithName("GetSmsFaults").WithSummary("The misbehaviour currently asked for");
        control.MapPut("/faults", (Faults faults, Handset handset) => { handset.SetFaults(faults); return TypedResults.Ok(handset.Faults); })
            .WithName("SetSmsFaults").WithSummary("Ask for an outage, slow answers, duplicate delivery reports, failed deliveries");
        control.MapPost("/faults/{fault}", (string fault, Handset handset) => Toggle(handset, fault) ? Results.Ok(handset.Faults) : Results.NotFound())
            .WithName("ToggleSmsFault")
            .WithSummary("One change at a time (dashboard buttons): outage, slow, duplicate-reports (on/off), fail-next-delivery (+1), reset");
        control.MapPost("/replies", Reply).WithName("ReplyFromPhone")
            .WithSummary("A phone answers the sender (e.g. STOP): posted to the platform's inbound callback, whose status is returned");
        return app;
    }

    public sealed record PhoneReply(string? From, string? Text);

    public sealed record ReplyPosted(int PlatformStatus);

    private static async Task<Results<Ok<ReplyPosted>, ValidationProblem>> Reply(PhoneReply reply, CallbackSender callbacks, TimeProvider clock, HttpContext http)
    {
        if (MoroccanPhone.Normalise(reply.From) is not { } from)
            return Problems.Invalid(http, "from", "Expéditeur : un mobile marocain.", "المرسل: رقم هاتف محمول مغربي.");
        if (string.IsNullOrWhiteSpace(reply.Text))
            return Problems.Invalid(http, "text", "Texte requis.", "النص مطلوب.");
        var status = await callbacks.ReplyAsync(new InboundSms(from, reply.Text.Trim(), clock.GetUtcNow()), http.RequestAborted);
        return TypedResults.Ok(new ReplyPosted(status));
    }

    private static bool Toggle(Handset handset, string fault)
    {
        var now = handset.Faults;
        Faults? next = fault switch
        {
            "outage" => now with { Outage = !now.Outage },
            "slow" => now with { SlowAnswers = !now.SlowAnswers },
            "duplicate-reports" => now with { DuplicateReports = !now.DuplicateReports },
            "fail-next-delivery" => now with { FailNextDeliveries = now.FailNextDeliveries + 1 },
            "reset" => new Faults(),
            _ => null,
        };
        if (next is null) return false;
        handset.SetFaults(next);
        return true;
    }
}
