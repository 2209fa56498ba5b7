using Tadamon.TestSupport;

namespace Tadamon.Orders.Tests;

public sealed class OpenApiDocumentTests(OrdersFactory app) : IClassFixture<OrdersFactory>
{
    [Fact]
    public async Task The_document_declares_security_per_operation_and_a_schema_for_every_body() =>
        await OpenApiContract.AssertCompleteAsync(app.CreateClient());
}
