using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Makes every service's OpenAPI document enough for a partner to integrate from <c>/docs</c> alone, from what the
/// endpoints already declare: who may call (<see cref="Access"/>) becomes a security requirement with its 401/403
/// answers, a signed webhook (<see cref="SignedWebhook{TBuilder}"/>) gets its headers and signature scheme, enums
/// list their names, <see cref="ValuesAttribute"/> on a string field lists the values it takes, and lengths, ranges and
/// required fields declared on records' positional parameters are listed too.
/// </summary>
public static class OpenApiConventions
{
    public const string BearerScheme = "Bearer";
    public const string WebhookScheme = "StandardWebhooks";

    /// <summary>Marks an endpoint as called by a partner signing with Standard Webhooks (HMAC-SHA256), never with a token.</summary>
    public static TBuilder SignedWebhook<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new SignedWebhookMetadata());

    internal sealed class SignedWebhookMetadata;

    /// <summary>An example of the request body, shown in the reference as the partner would send it (camelCase JSON).</summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder endpoint, object example) where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
                media.Example = JsonSerializer.SerializeToNode(example, JsonSerializerOptions.Web);
            return Task.CompletedTask;
        });

    /// <summary>
    /// Lists in the OpenAPI document the values a string field takes, without validating: the handler's own check
    /// answers in the caller's language, which a validation attribute would not. Either literal values, or a static
    /// list (<c>typeof(Units), nameof(Units.All)</c>) so the document follows the code.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
    public sealed class ValuesAttribute : Attribute
    {
        public ValuesAttribute(params string[] values) => Values = values;

        public ValuesAttribute(Type source, string member) =>
            Values = (source.GetField(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
                ?? source.GetProperty(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)) is IEnumerable<string> list
                ? [.. list]
                : throw new ArgumentException($"{source.Name}.{member} is not a static list of strings.", nameof(member));

        public IReadOnlyList<string> Values { get; }
    }

    internal static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, context, _) =>
        {
            var hasWebhook = context.DescriptionGroups.SelectMany(g => g.Items)
                .Any(d => d.ActionDescriptor.EndpointMetadata.OfType<SignedWebhookMetadata>().Any());
            AddSchemes(document, hasWebhook);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(DeclareAccessAsync);
        options.AddSchemaTransformer((schema, context, _) =>
        {
            DescribeValues(schema, context);
            return Task.CompletedTask;
        });
    }

    private static void AddSchemes(OpenApiDocument document, bool hasWebhook)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
            Description = "An access token from `POST /api/identity/connect/token` (`grant_type=password`, `username`, `password`; " +
                "add `scope=offline_access` for a refresh token). It lives 15 minutes; issuer `http://identity/`, audience `tadamon`. " +
                "Its `role` claim is one of `buyer`, `cooperative-manager`, `operator`, `centre-manager`, `association-manager`, `beneficiary`; managers also " +
                "carry `tadamon_scope`, the cooperative, centre or partner association they run. A bad or expired token is a 401 even on a public operation.",
        };
        if (!hasWebhook) return;
        document.Components.SecuritySchemes[WebhookScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "webhook-signature",
            Description = "Standard Webhooks (https://www.standardwebhooks.com): `webhook-signature` is `v1,` followed by the base64 " +
                "HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{raw body}` under the shared secret (given as `whsec_` + base64); " +
                "several space-separated signatures are accepted during a key rotation. `webhook-timestamp` (Unix seconds) must be " +
                "within 5 minutes of the receiver's clock; `webhook-id` identifies the message, and a repeated id is acknowledged without effect.",
        };
    }

    private static async Task DeclareAccessAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document;
        operation.Responses ??= new OpenApiResponses();
        if (metadata.OfType<SignedWebhookMetadata>().Any())
        {
            operation.Security = [Requirement(WebhookScheme, document)];
            operation.Parameters ??= [];
            operation.Parameters.Add(Header("webhook-id", "The message's unique id; the same id sent again is acknowledged as a duplicate.", "msg_2Lh9KbVq3ZyTc"));
            operation.Parameters.Add(Header("webhook-timestamp", "When the message was signed, in Unix seconds; refused beyond 5 minutes.", "1767225600"));
            operation.Parameters.Add(Header("webhook-signature", "`v1,` + base64(HMAC-SHA256(secret, `{webhook-id}.{webhook-timestamp}.{body}`)).", "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="));
            await AddProblemAsync(operation, context, StatusCodes.Status401Unauthorized, "The signature does not verify under any current key, or the timestamp is too old or too new.", ct);
        }
        else if (metadata.OfType<IAllowAnonymous>().Any())
        {
            // An empty requirement says "no credentials needed" explicitly, unlike a missing one.
            operation.Security = [new OpenApiSecurityRequirement()];
        }
        else if (metadata.OfType<IAuthorizeData>().ToList() is { Count: > 0 } authorize)
        {
            operation.Security = [Requirement(BearerScheme, document)];
            var roles = authorize.Select(a => a.Roles).Where(r => !string.IsNullOrEmpty(r)).SelectMany(r => r!.Split(',')).Distinct().ToList();
            var who = roles.Count == 0 ? "Any signed-in person." : $"Roles: {string.Join(", ", roles.Select(r => $"`{r}`"))}.";
            operation.Description = string.IsNullOrEmpty(operation.Description) ? who : $"{operation.Description}\n\n{who}";
            await AddProblemAsync(operation, context, StatusCodes.Status401Unauthorized, "No access token, or an invalid or expired one.", ct);
            await AddProblemAsync(operation, context, StatusCodes.Status403Forbidden,
                "The token's role may not call this operation, or the caller does not run this cooperative or centre.", ct);
        }
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static OpenApiParameter Header(string name, string description, string example) => new()
    {
        Name = name, In = ParameterLocation.Header, Required = true, Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = JsonValue.Create(example),
    };

    private static async Task AddProblemAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description, CancellationToken ct)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key)) return;
        var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct);
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
        };
    }

    /// <summary>
    /// Enums travel as names (see the JSON options); a [Flags] enum may also be a comma-separated list of them, which
    /// a plain enum list would wrongly forbid. Strings marked [Values] list those values.
    /// </summary>
    private static void DescribeValues(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum)
        {
            var names = Enum.GetNames(type);
            schema.Type = JsonSchemaType.String | (schema.Type ?? 0) & JsonSchemaType.Null;
            if (type.IsDefined(typeof(FlagsAttribute)))
            {
                schema.Enum = null;
                schema.Description = $"One of {string.Join(", ", names.Select(n => $"`{n}`"))}, or several joined by \", \" (for example `{string.Join(", ", names.Skip(1).Take(2))}`).";
                schema.Examples = [JsonValue.Create(string.Join(", ", names.Skip(1).Take(2)))!];
            }
            else
            {
                schema.Enum = names.Select(n => (JsonNode)JsonValue.Create(n)!).ToList();
                schema.Examples = [JsonValue.Create(names[0])!];
            }
        }
        if (context.JsonPropertyInfo is { } property)
        {
            var attributes = AttributesOf(property);
            if (attributes.OfType<ValuesAttribute>().FirstOrDefault() is { } allowed)
            {
                schema.Enum = allowed.Values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList();
                schema.Examples = [JsonValue.Create(allowed.Values[0])!];
            }
            DescribeRules(schema, attributes);
        }
        else if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            foreach (var required in context.JsonTypeInfo.Properties.Where(p => AttributesOf(p).OfType<RequiredAttribute>().Any()))
            {
                schema.Required ??= new HashSet<string>();
                schema.Required.Add(required.Name);
            }
        }
    }

    /// <summary>
    /// A field's validation attributes. On a record's positional parameter they sit on the constructor parameter, which
    /// the document generator does not read: without this, lengths and ranges the API enforces would go unlisted.
    /// </summary>
    private static List<Attribute> AttributesOf(JsonPropertyInfo property) =>
        new[] { property.AttributeProvider, property.AssociatedParameter?.AttributeProvider }
            .OfType<ICustomAttributeProvider>()
            .SelectMany(a => a.GetCustomAttributes(inherit: true).OfType<Attribute>())
            .ToList();

    private static void DescribeRules(OpenApiSchema schema, List<Attribute> attributes)
    {
        var isArray = schema.Type is { } type && type.HasFlag(JsonSchemaType.Array);
        foreach (var attribute in attributes)
        {
            switch (attribute)
            {
                case StringLengthAttribute length:
                    schema.MaxLength = length.MaximumLength;
                    if (length.MinimumLength > 0) schema.MinLength = length.MinimumLength;
                    break;
                case MinLengthAttribute min when isArray: schema.MinItems = min.Length; break;
                case MinLengthAttribute min: schema.MinLength = min.Length; break;
                case MaxLengthAttribute max when isArray: schema.MaxItems = max.Length; break;
                case MaxLengthAttribute max: schema.MaxLength = max.Length; break;
                case RangeAttribute range:
                    schema.Minimum = Convert.ToString(range.Minimum, CultureInfo.InvariantCulture);
                    schema.Maximum = Convert.ToString(range.Maximum, CultureInfo.InvariantCulture);
                    break;
                case RegularExpressionAttribute regex: schema.Pattern = regex.Pattern; break;
                case EmailAddressAttribute: schema.Format = "email"; break;
                case UrlAttribute: schema.Format = "uri"; break;
            }
        }
    }
}
