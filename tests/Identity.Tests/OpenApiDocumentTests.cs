using Xunit;
using Tadamon.TestSupport;

namespace Tadamon.Identity.Tests;

public sealed class OpenApiDocumentTests(IdentityFactory identity) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task The_document_declares_security_per_operation_and_lists_the_roles_an_account_takes()
    {
        var document = await OpenApiContract.AssertCompleteAsync(identity.CreateClient());

        var register = document.Operation("post", "/accounts/register");
        var request = document.Resolve(register.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.Equal(["buyer", "beneficiary"], request.GetProperty("properties").GetProperty("role").EnumValues());
        Assert.Equal(8, request.GetProperty("properties").GetProperty("password").GetProperty("minLength").GetInt32());
    }
}
