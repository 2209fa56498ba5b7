using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The platform's rule for text a caller sends. Header values must be visible ASCII (HTTP gives no encoding for
/// anything else, and the gateway's onward call cannot carry it). Every other text (JSON strings, query values, path
/// segments, form fields) may hold any Unicode letter or mark, including bidi controls people paste, but no C0 or C1
/// control character: PostgreSQL refuses NUL in text, and the others only hide or corrupt what people read.
/// Tab, line feed and carriage return stay allowed everywhere, because addresses, messages and lesson texts are
/// multi-line and a converter cannot tell one field from another.
/// </summary>
public static class RequestText
{
    private static readonly SearchValues<char> RefusedControls = SearchValues.Create(
        [.. Enumerable.Range(0, 0xA0).Select(i => (char)i).Where(c => c is < ' ' and not ('\t' or '\n' or '\r') or >= '\u007f')]);

    public static bool HasRefusedControl(string? text) => text is not null && text.AsSpan().ContainsAny(RefusedControls);

    /// <summary>Visible ASCII and tab: what a header value may hold.</summary>
    public static bool IsValidHeaderValue(string? value)
    {
        if (value is null) return true;
        foreach (var c in value)
        {
            if (c is not ('\t' or >= ' ' and <= '~')) return false;
        }
        return true;
    }

    /// <summary>
    /// Refuses, before anything else runs, a request whose headers, path, query or form carry text outside the rule,
    /// with a 400 problem naming the header or parameter. JSON bodies are checked as they are read (<see cref="PlainTextJsonConverter"/>).
    /// </summary>
    public static IApplicationBuilder UseRequestTextRules(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var refused = await FirstRefusedAsync(context);
        if (refused is { } field)
        {
            await Problems.Invalid(context, field.Name, field.Fr, field.Ar).ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    private static async Task<(string Name, string Fr, string Ar)?> FirstRefusedAsync(HttpContext context)
    {
        const string headerFr = "Cet en-tête contient des caractères non acceptés : seuls les caractères ASCII visibles le sont.";
        const string headerAr = "يحتوي هذا الرأس على أحرف غير مقبولة: تقبل فقط أحرف ASCII المرئية.";
        const string textFr = "Ce texte contient un caractère de contrôle invisible (par exemple NUL) : retirez-le.";
        const string textAr = "يحتوي هذا النص على حرف تحكم غير مرئي (مثل NUL): يرجى حذفه.";

        foreach (var header in context.Request.Headers)
        {
            foreach (var value in header.Value)
            {
                if (!IsValidHeaderValue(value)) return (header.Key, headerFr, headerAr);
            }
        }
        if (HasRefusedControl(context.Request.Path.Value)) return ("path", textFr, textAr);
        foreach (var parameter in context.Request.Query)
        {
            if (HasRefusedControl(parameter.Key) || parameter.Value.Any(HasRefusedControl)) return (parameter.Key, textFr, textAr);
        }
        // Sign-in and the web's forms post url-encoded fields; multipart is never used by the platform.
        if (context.Request.HasFormContentType && context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Buffered and rewound: the gateway forwards the body as it came.
            context.Request.EnableBuffering();
            IFormCollection form;
            try
            {
                form = await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                // The framework's form reader refuses some of these itself, without saying which field: look again.
                context.Request.Body.Position = 0;
                var raw = await new StreamReader(context.Request.Body, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
                var named = QueryHelpers.ParseQuery(raw).FirstOrDefault(f => HasRefusedControl(f.Key) || f.Value.Any(HasRefusedControl)).Key;
                return (named ?? "form", textFr, textAr);
            }
            finally
            {
                context.Request.Body.Position = 0;
            }
            foreach (var field in form)
            {
                if (HasRefusedControl(field.Key) || field.Value.Any(HasRefusedControl)) return (field.Key, textFr, textAr);
            }
        }
        return null;
    }
}

/// <summary>
/// Every JSON string the services read goes through here, so one rule covers every free-text field of every request
/// model: a control character ends the read with a <see cref="JsonException"/>, which the problem writer turns into
/// a 400 naming the field (see <see cref="BadRequestProblems"/>).
/// </summary>
public sealed class PlainTextJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (RequestText.HasRefusedControl(text)) throw new JsonException(RefusedMessage);
        return text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString()!;
        if (RequestText.HasRefusedControl(text)) throw new JsonException(RefusedMessage);
        return text;
    }

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    /// <summary>Recognised by the problem writer, which words it in the caller's language.</summary>
    internal const string RefusedMessage = "tadamon:control-character";
}
