using System.Text.Json;
using Tadamon.TestSupport;

namespace Tadamon.Courses.Tests;

public sealed class OpenApiDocumentTests(CoursesFixture app) : IClassFixture<CoursesFixture>
{
    [Fact]
    public async Task The_document_declares_security_per_operation_and_lists_enum_values()
    {
        var document = await OpenApiContract.AssertCompleteAsync(app.CreateClient());

        // Public reading declares no credentials; drafting a course needs a token, with its 401 and 403.
        var read = document.Operation("get", "/courses/{id}");
        Assert.Equal(JsonValueKind.Object, read.GetProperty("security")[0].ValueKind);
        Assert.Empty(read.GetProperty("security")[0].EnumerateObject());
        var create = document.Operation("post", "/courses");
        Assert.True(create.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        Assert.Contains("centre-manager", create.GetProperty("description").GetString());

        Assert.Equal(["Draft", "Published", "Archived"], document.Schema("CourseStatus").EnumValues());
        Assert.Contains("SignLanguage", document.Schema("AccessibilityNeeds").GetProperty("description").GetString());
    }
}
