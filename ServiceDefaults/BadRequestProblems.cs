using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Minimal APIs refuse input they cannot bind (unreadable JSON, a value of the wrong type, an unknown enum name) with a
/// <see cref="BadHttpRequestException"/>. Left as is, the caller gets a bare 400; here the problem names the field or
/// parameter, in the caller's language, and for an enum lists the values it accepts. Written once for every service.
/// </summary>
internal static partial class BadRequestProblems
{
    // The framework's own wording (RequestDelegateFactory), the only place the parameter's name is given.
    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[^" ]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    public static void Describe(ProblemDetailsContext context)
    {
        if (context.Exception is not BadHttpRequestException bad || bad.StatusCode != StatusCodes.Status400BadRequest) return;
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Title = Problems.Pick(http, "Requête invalide.", "طلب غير صالح.");

        if (bad.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            var message = json.Message == PlainTextJsonConverter.RefusedMessage
                ? Problems.Pick(http, "Ce texte contient un caractère de contrôle invisible (par exemple NUL) : retirez-le.",
                    "يحتوي هذا النص على حرف تحكم غير مرئي (مثل NUL): يرجى حذفه.")
                : Problems.Pick(http, "Valeur illisible ou du mauvais type.", "قيمة غير مقروءة أو من نوع خاطئ.");
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
            return;
        }

        if (BindFailure().Match(bad.Message) is { Success: true } failure)
        {
            var name = failure.Groups["name"].Value;
            var allowed = EnumNamesOf(http, name);
            var message = allowed is null
                ? Problems.Pick(http, $"La valeur « {failure.Groups["value"].Value} » n'est pas lisible pour ce paramètre.",
                    $"القيمة «{failure.Groups["value"].Value}» غير مقروءة لهذه الخانة.")
                : Problems.Pick(http, $"Valeurs acceptées : {string.Join(", ", allowed)}.", $"القيم المقبولة: {string.Join("، ", allowed)}.");
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [name] = [message] };
            if (allowed is not null) problem.Extensions["allowed"] = allowed;
            return;
        }

        // Missing body, wrong content type...: the framework's sentence names the parameter; it holds nothing internal.
        problem.Detail = bad.Message;
    }

    /// <summary>"$.address.recipientName" → "address.recipientName"; the whole body when the path is unknown.</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The enum names a handler's parameter (or a property of its <c>[AsParameters]</c> record) accepts.</summary>
    private static string[]? EnumNamesOf(HttpContext http, string name)
    {
        // The exception handler has cleared the request's endpoint by now; its feature keeps the one that failed.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        var handler = endpoint?.Metadata.GetMetadata<MethodInfo>();
        if (handler is null) return null;
        foreach (var parameter in handler.GetParameters())
        {
            if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase) && EnumOf(parameter.ParameterType) is { } direct)
            {
                return Enum.GetNames(direct);
            }
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is null) continue;
            var property = parameter.ParameterType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is not null && EnumOf(property.PropertyType) is { } nested) return Enum.GetNames(nested);
        }
        return null;
    }

    private static Type? EnumOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } e ? e : null;
}
