using System.Net;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Npgsql;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// The commands that create money and places, sent bad input by people who are signed in (so the body is really
/// read, not refused at the door): wrong types, missing and extra fields, absurd numbers, very long right-to-left and
/// mixed-script text, injection-shaped text, NUL and other control characters. Always a 4xx problem, nothing written, the service healthy afterwards.
/// </summary>
[Collection("platform")]
public sealed class SignedInBadInputTests(PlatformFixture platform)
{
    // Arabic, Tifinagh and Latin with bidi overrides and a zero-width joiner: what a pasted name can hold.
    private static readonly string LongMixed = string.Concat(Enumerable.Repeat("فاطمة ⵜⴰⵎⴰⵣⵉⵖⵜ Zahra \u202E\u200D ", 700));
    private const string Injection = "'); DELETE FROM orders; -- <script>alert(1)</script> {{7*7}} ${jndi:ldap://x}";

    private static readonly object Address = new { recipientName = "Fatima Zahra", phone = "0612345678", region = "casablanca-settat", city = "Casablanca", street = "12 rue des Oudayas" };

    public static TheoryData<string, string> Checkouts => new()
    {
        { "no lines", """{"address": {"recipientName": "Fatima", "phone": "0612345678", "region": "casablanca-settat", "city": "Casa", "street": "12 rue"}}""" },
        { "a quantity as text", Json(new { lines = new[] { new { productId = Guid.NewGuid(), quantity = "deux" } }, address = Address }) },
        { "a negative quantity", Json(new { lines = new[] { new { productId = Guid.NewGuid(), quantity = -3 } }, address = Address }) },
        { "an absurd quantity", """{"lines": [{"productId": "0b9e7f7e-3c4b-4a0e-9d5e-2f8a1c6b7d90", "quantity": 1e30}], "address": {}}""" },
        { "a product id that is not one", Json(new { lines = new[] { new { productId = "argan", quantity = 1 } }, address = Address }) },
        { "a client price and total (extra fields)", Json(new { lines = new[] { new { productId = Guid.NewGuid(), quantity = 1, unitPriceMad = 0.01 } }, address = Address, totalMad = 0.01 }) },
        { "a very long mixed-script name", Json(new { lines = new[] { new { productId = Guid.NewGuid(), quantity = 1 } }, address = new { recipientName = LongMixed, phone = "0612345678", region = "casablanca-settat", city = "Casablanca", street = "12 rue" } }) },
        { "injection-shaped text", Json(new { lines = new[] { new { productId = Guid.NewGuid(), quantity = 1 } }, address = new { recipientName = Injection, phone = Injection, region = Injection, city = Injection, street = Injection } }) },
        { "a NUL in the recipient's name", Json(new { lines = new[] { new { productId = Guid.NewGuid(), quantity = 1 } }, address = new { recipientName = "Fatima\u0000Zahra", phone = "0612345678", region = "casablanca-settat", city = "Casablanca", street = "12 rue" } }) },
        { "control characters in every address field", Json(new { lines = new[] { new { productId = Guid.NewGuid(), quantity = 1 } }, address = new { recipientName = "Fatima\u001b[2J", phone = "06123\u007f45678", region = "casablanca\u0085settat", city = "Casa\u0007blanca", street = "12 rue\u0000" } }) },
        { "sixty lines", Json(new { lines = Enumerable.Range(0, 60).Select(_ => new { productId = Guid.NewGuid(), quantity = 1 }), address = Address }) },
    };

    public static TheoryData<string, string> PreRegistrations => new()
    {
        { "no name", """{"courseId": "0b9e7f7e-3c4b-4a0e-9d5e-2f8a1c6b7d90", "dateOfBirth": "1996-04-12", "phone": "0612345678"}""" },
        { "a date of birth as a number", """{"courseId": "0b9e7f7e-3c4b-4a0e-9d5e-2f8a1c6b7d90", "fullName": "Hajar", "dateOfBirth": 1996, "phone": "0612345678"}""" },
        { "a course and a centre (both)", Json(new { courseId = Guid.NewGuid(), centreId = Guid.NewGuid(), fullName = "Hajar Ait Ouarab", dateOfBirth = "1996-04-12", phone = "0612345678", accessibilityNeeds = "None" }) },
        { "a very long mixed-script name", Json(new { courseId = Guid.NewGuid(), fullName = LongMixed, dateOfBirth = "1996-04-12", phone = "0612345678", accessibilityNeeds = "None" }) },
        { "injection-shaped text", Json(new { courseId = Guid.NewGuid(), fullName = Injection, dateOfBirth = "1996-04-12", phone = Injection, accessibilityNeeds = Injection }) },
        { "a NUL in the name", Json(new { courseId = Guid.NewGuid(), fullName = "Hajar\u0000Ait Ouarab", dateOfBirth = "1996-04-12", phone = "0612345678", accessibilityNeeds = "None" }) },
        { "control characters in every text field", Json(new { courseId = Guid.NewGuid(), fullName = "Hajar\u001b[31m", dateOfBirth = "1996-04-12", phone = "06\u000812345678", accessibilityNeeds = "\u0085None\u0000" }) },
        { "a birth in the year 9999", Json(new { courseId = Guid.NewGuid(), fullName = "Hajar Ait Ouarab", dateOfBirth = "9999-12-31", phone = "0612345678", accessibilityNeeds = "None" }) },
    };

    [Theory]
    [MemberData(nameof(Checkouts))]
    public Task A_checkout_with_bad_input_Should_be_refused_and_write_nothing(string what, string body) =>
        RefusedAsync(what, "orders", "ordersdb", "SELECT count(*) FROM purchases", Logins.Buyer, "/api/orders/checkout", body);

    [Theory]
    [MemberData(nameof(PreRegistrations))]
    public Task A_pre_registration_with_bad_input_Should_be_refused_and_write_nothing(string what, string body) =>
        RefusedAsync(what, "enrollment", "enrollmentdb", "SELECT count(*) FROM pre_registrations", Logins.Beneficiary, "/api/enrollment/pre-registrations", body);

    private async Task RefusedAsync(string what, string service, string database, string count, string login, string url, string body)
    {
        var before = await CountAsync(database, count);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.WithToken(await platform.Logins.TokenAsync(login)).Headers.Add("Idempotency-Key", $"bad-input-{Guid.NewGuid():N}");

        using var response = await platform.Gateway.SendAsync(request);

        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{what}: {status} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountAsync(database, count));
        using var health = await platform.Gateway.GetAsync($"/api/{service}/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
