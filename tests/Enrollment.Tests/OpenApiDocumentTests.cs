using Tadamon.TestSupport;

namespace Tadamon.Enrollment.Tests;

public sealed class OpenApiDocumentTests(EnrollmentFixture app) : IClassFixture<EnrollmentFixture>
{
    [Fact]
    public async Task The_document_declares_security_per_operation_and_the_pre_registration_rules()
    {
        var document = await OpenApiContract.AssertCompleteAsync(app.CreateClient());

        var submit = document.Operation("post", "/pre-registrations");
        Assert.Contains("not both", submit.GetProperty("description").GetString());
        Assert.True(submit.GetProperty("responses").TryGetProperty("403", out _));
        var request = document.Resolve(submit.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.Equal(3, request.GetProperty("properties").GetProperty("fullName").GetProperty("minLength").GetInt32());
    }
}
