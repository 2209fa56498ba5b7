using Tadamon.TestSupport;

namespace Tadamon.Notifications.Tests;

public sealed class OpenApiDocumentTests(NotificationsFactory notifications) : IClassFixture<NotificationsFactory>
{
    [Fact]
    public async Task Every_operation_Should_declare_its_security_and_the_webhooks_their_signature()
    {
        var document = await OpenApiContract.AssertCompleteAsync(notifications.CreateClient());

        foreach (var path in new[] { "/webhooks/sms/delivery-reports", "/webhooks/sms/replies" })
        {
            var security = document.Operation("post", path).GetProperty("security").EnumerateArray()
                .SelectMany(r => r.EnumerateObject().Select(s => s.Name)).ToList();
            Assert.DoesNotContain("Bearer", security);
            Assert.NotEmpty(security);
        }
    }
}
