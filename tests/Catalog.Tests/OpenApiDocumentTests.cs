using Tadamon.TestSupport;

namespace Tadamon.Catalog.Tests;

public sealed class OpenApiDocumentTests(CatalogFactory app) : IClassFixture<CatalogFactory>
{
    [Fact]
    public async Task The_document_declares_security_per_operation_and_lists_product_units()
    {
        var document = await OpenApiContract.AssertCompleteAsync(app.CreateClient());

        var create = document.Operation("post", "/products");
        var request = document.Resolve(create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.Contains("kg", request.GetProperty("properties").GetProperty("unit").EnumValues());
    }
}
