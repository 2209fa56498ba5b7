using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The OpenAPI generator describes a type read by a custom converter as "anything"; strings are read by
/// <see cref="PlainTextJsonConverter"/> only to refuse control characters, so they are still described as strings
/// (nullable where the model says so). Registered on the named options, beside whatever else configures the document.
/// </summary>
internal static class PlainTextSchemas
{
    public static IServiceCollection DescribeStringsAsStrings(this IServiceCollection services)
    {
        services.AddOptions<OpenApiOptions>("v1").Configure(options => options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
            {
                schema.Type = context.JsonPropertyInfo is { IsSetNullable: true } ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            }
            return Task.CompletedTask;
        }));
        return services;
    }
}
