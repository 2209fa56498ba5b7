using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// Object-level authorisation through the gateway: with a valid token of the right role, one person still cannot
/// read, change or learn of another's order, product, pre-registration or progress. Where existence itself is
/// private (orders, pre-registrations, enrollments) the answer is 404, exactly as for an id that never existed.
/// Each refusal is followed by a check that nothing changed.
/// </summary>
[Collection("platform")]
public sealed class CrossTenantTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;
    private PlatformAccounts Accounts => platform.Accounts;

    [Fact]
    public async Task A_buyer_and_another_cooperative_Should_not_see_or_touch_someone_elses_order()
    {
        var product = await DemoProductAsync();
        var alice = await Accounts.ForAsync("tenant-alice", "buyer");
        var bob = await Accounts.ForAsync("tenant-bob", "buyer");
        var otherCooperative = await Accounts.ForAsync("tenant-coop", "cooperative-manager", Guid.NewGuid());

        // Alice also posts a total and a status of her own: neither is hers to set.
        var purchase = await JsonAsync(await SendAsync(HttpMethod.Post, "/api/orders/checkout", alice, new
        {
            lines = new[] { new { productId = product.Id, quantity = 1 } },
            address = new { recipientName = "Khadija Alaoui", phone = "0661234567", region = "beni-mellal-khenifra", city = "El Attaouia", street = "Derb Lalla Aicha 3" },
            totalMad = 0.01m, status = "Delivered",
        }, idempotencyKey: Guid.NewGuid().ToString()), HttpStatusCode.Created);
        var order = purchase.GetProperty("orders")[0];
        var orderId = order.GetProperty("id").GetGuid();
        Assert.Equal(product.PriceMad, purchase.GetProperty("totalMad").GetDecimal());
        Assert.NotEqual("Delivered", order.GetProperty("status").GetString());

        foreach (var (who, name) in new[] { (bob, "another buyer"), (otherCooperative, "another cooperative") })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/orders/{orderId}", who)).StatusCode);
            var list = await JsonAsync(await SendAsync(HttpMethod.Get, "/api/orders/?pageSize=100", who));
            Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetGuid() == orderId);
            _ = name;
        }
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/orders/purchases/{purchase.GetProperty("purchaseId").GetGuid()}", bob)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/cancel", bob, new { reason = "pas à moi" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/ready", otherCooperative)).StatusCode);

        var unchanged = await JsonAsync(await SendAsync(HttpMethod.Get, $"/api/orders/{orderId}", alice));
        Assert.Contains(unchanged.GetProperty("status").GetString(), new[] { "Placed", "Confirmed" }); // neither cancelled nor marked ready

        await SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/cancel", alice, new { reason = "fin du test" }); // gives the stock back
    }

    [Fact]
    public async Task A_cooperative_manager_Should_not_edit_or_list_another_cooperatives_products_nor_post_them_into_it()
    {
        var product = await DemoProductAsync();
        var intruder = await Accounts.ForAsync("tenant-intruder", "cooperative-manager", Guid.NewGuid());
        var body = new
        {
            cooperativeId = product.CooperativeId, nameAr = "منتج مزور", nameFr = "Produit détourné", category = product.Category,
            unit = "kg", priceMad = 1m, stock = 1,
        };

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Put, $"/api/catalog/products/{product.Id}", intruder, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, $"/api/catalog/products/{product.Id}/stock", intruder, new { add = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, "/api/catalog/products", intruder, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Get, $"/api/catalog/cooperatives/{product.CooperativeId}/products", intruder)).StatusCode);

        var after = await JsonAsync(await Gateway.GetAsync($"/api/catalog/products/{product.Id}"));
        Assert.Equal(product.PriceMad, after.GetProperty("priceMad").GetDecimal());
        Assert.Equal(product.NameFr, after.GetProperty("nameFr").GetString());
    }

    [Fact]
    public async Task A_cooperative_manager_Should_not_set_what_is_not_theirs_to_set_when_creating_a_product()
    {
        var manager = await Accounts.SignInAsync("cooperative@tadamon.ma", PlatformAccounts.DemoPassword);
        var created = await JsonAsync(await SendAsync(HttpMethod.Post, "/api/catalog/products", manager, new
        {
            cooperativeId = manager.Scope, nameAr = "زيت الزيتون", nameFr = "Huile d'olive", category = "olive-oil", unit = "litre",
            priceMad = 90m, stock = 4, status = "Published", stockReserved = 99, id = Guid.Empty,
        }), HttpStatusCode.Created);

        Assert.Equal("Draft", created.GetProperty("status").GetString());
        Assert.NotEqual(Guid.Empty, created.GetProperty("id").GetGuid());
        var own = await JsonAsync(await SendAsync(HttpMethod.Get, $"/api/catalog/cooperatives/{manager.Scope}/products?pageSize=50", manager));
        var stocked = own.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("product").GetProperty("id").GetGuid() == created.GetProperty("id").GetGuid());
        Assert.Equal(0, stocked.GetProperty("stockReserved").GetInt32());
    }

    [Fact]
    public async Task Another_beneficiary_or_centre_Should_not_see_or_touch_a_pre_registration_or_the_progress_that_follows()
    {
        var course = await DemoCourseAsync("Couture et broderie");
        var amina = await Accounts.ForAsync("tenant-amina", "beneficiary");
        var salma = await Accounts.ForAsync("tenant-salma", "beneficiary");
        var otherCentre = await Accounts.ForAsync("tenant-centre", "centre-manager", Guid.NewGuid());
        var centre = await Accounts.SignInAsync("centre@tadamon.ma", PlatformAccounts.DemoPassword);

        var pre = await JsonAsync(await SendAsync(HttpMethod.Post, "/api/enrollment/pre-registrations", amina, new
        {
            courseId = course, fullName = "Amina Ait Ouahmane", dateOfBirth = "2001-03-08", phone = "0662345678",
            accessibilityNeeds = "None", status = "Approved", beneficiaryId = salma.User,
        }), HttpStatusCode.Created);
        var preId = pre.GetProperty("id").GetGuid();
        Assert.Equal("Submitted", pre.GetProperty("status").GetString()); // the posted status and owner were ignored

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/enrollment/pre-registrations/{preId}", salma)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/api/enrollment/pre-registrations/{preId}/reply", salma, new { message = "c'est moi" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/enrollment/pre-registrations/{preId}", otherCentre)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/api/enrollment/pre-registrations/{preId}/approve", otherCentre, new { })).StatusCode);
        Assert.DoesNotContain((await JsonAsync(await SendAsync(HttpMethod.Get, "/api/enrollment/me/pre-registrations", salma))).EnumerateArray(),
            p => p.GetProperty("id").GetGuid() == preId);
        Assert.Equal("Submitted", (await JsonAsync(await SendAsync(HttpMethod.Get, $"/api/enrollment/pre-registrations/{preId}", amina))).GetProperty("status").GetString());

        var enrollment = (await JsonAsync(await SendAsync(HttpMethod.Post, $"/api/enrollment/pre-registrations/{preId}/approve", centre, new { }))).GetProperty("id").GetGuid();
        foreach (var path in new[] { $"/enrollments/{enrollment}", $"/enrollments/{enrollment}/progress", $"/enrollments/{enrollment}/lessons" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/api/enrollment" + path, salma)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/api/enrollment" + path, otherCentre)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/enrollment" + path, amina)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/api/enrollment/enrollments/{enrollment}/withdraw", salma)).StatusCode);
        var mine = await JsonAsync(await SendAsync(HttpMethod.Get, $"/api/enrollment/enrollments/{enrollment}", amina));
        Assert.NotEqual("Withdrawn", mine.GetProperty("status").GetString());

        await SendAsync(HttpMethod.Post, $"/api/enrollment/enrollments/{enrollment}/withdraw", amina); // frees the demo seat
    }

    [Fact]
    public async Task A_partner_association_s_manager_Should_run_exactly_the_centres_it_runs_and_lose_one_taken_back()
    {
        // The demo association runs El Attaouia's education centre and kindergarten, not Kelâat's vocational centre.
        var association = await Accounts.SignInAsync(Logins.AssociationManager, PlatformAccounts.DemoPassword);
        var ours = await DemoCourseAsync("Initiation à l'informatique");
        var foreign = await DemoCourseAsync("Couture et broderie");
        var (oursCentre, foreignCentre) = (await CentreOfAsync(ours), await CentreOfAsync(foreign));
        var applicant = await Accounts.ForAsync("tenant-association-applicant", "beneficiary");
        var mine = await PreRegisterAsync(applicant, ours, "Hafsa Ait Brahim");
        var theirs = await PreRegisterAsync(applicant, foreign, "Hafsa Ait Brahim");

        await UntilOkAsync(() => SendAsync(HttpMethod.Get, $"/api/enrollment/pre-registrations/{mine}", association), "enrollment to know who runs the centre");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/api/enrollment/pre-registrations?centreId={oursCentre}", association)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/enrollment/pre-registrations/{theirs}", association)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/api/enrollment/pre-registrations/{theirs}/approve", association, new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Get, $"/api/enrollment/pre-registrations?centreId={foreignCentre}", association)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, $"/api/courses/courses/{foreign}/modules", association, new { titleAr = "وحدة", titleFr = "Module" })).StatusCode);
        var review = await JsonAsync(await SendAsync(HttpMethod.Get, "/api/enrollment/pre-registrations?pageSize=100", association));
        Assert.Contains(review.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == mine);
        Assert.DoesNotContain(review.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == theirs);
        var centre = await Accounts.SignInAsync("centre@tadamon.ma", PlatformAccounts.DemoPassword);
        Assert.Equal("Submitted", (await JsonAsync(await SendAsync(HttpMethod.Get, $"/api/enrollment/pre-registrations/{theirs}", centre))).GetProperty("status").GetString());

        // A centre given to a new association, then taken back: its manager loses it in courses and in enrollment.
        var delegation = await Accounts.OperatorAsync();
        var partner = (await JsonAsync(await SendAsync(HttpMethod.Post, "/api/courses/associations", delegation, new
        {
            nameAr = "جمعية محو الأمية بتملالت", nameFr = "Association d'alphabétisation de Tamelelt", registrationNumber = $"KS-TML-{Guid.NewGuid():N}"[..24],
            contactName = "Abdelkader Ouchen", phone = "+212524452211",
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, $"/api/courses/centres/{oursCentre}/association", delegation, new { associationId = partner })).StatusCode);
        var lent = await Accounts.ForAsync("tenant-association", "association-manager", partner);
        await UntilOkAsync(() => SendAsync(HttpMethod.Get, $"/api/enrollment/pre-registrations/{mine}", lent), "enrollment to hear of the new association");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/enrollment/pre-registrations/{mine}", association)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, $"/api/courses/centres/{oursCentre}/association", delegation, new { associationId = association.Scope })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, $"/api/courses/courses/{ours}/modules", lent, new { titleAr = "وحدة", titleFr = "Module" })).StatusCode);
        await UntilAsync(() => SendAsync(HttpMethod.Get, $"/api/enrollment/pre-registrations/{mine}", lent), HttpStatusCode.NotFound, "enrollment to hear the centre was taken back");
        await UntilOkAsync(() => SendAsync(HttpMethod.Get, $"/api/enrollment/pre-registrations/{mine}", association), "the demo association to run its centre again");
        Assert.Equal("Submitted", (await JsonAsync(await SendAsync(HttpMethod.Get, $"/api/enrollment/pre-registrations/{mine}", applicant))).GetProperty("status").GetString());
    }

    private async Task<Guid> PreRegisterAsync(PlatformAccounts.Session who, Guid course, string name) =>
        (await JsonAsync(await SendAsync(HttpMethod.Post, "/api/enrollment/pre-registrations", who, new
        {
            courseId = course, fullName = name, dateOfBirth = "1999-05-21", phone = "0663456789", accessibilityNeeds = "None",
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private async Task<Guid> CentreOfAsync(Guid course) =>
        (await JsonAsync(await Gateway.GetAsync($"/api/courses/courses/{course}"))).GetProperty("centreId").GetGuid();

    private static Task UntilOkAsync(Func<Task<HttpResponseMessage>> call, string what) => UntilAsync(call, HttpStatusCode.OK, what);

    private static async Task UntilAsync(Func<Task<HttpResponseMessage>> call, HttpStatusCode status, string what) =>
        // Events cross two services and the broker: on a loaded two-core machine that can take tens of seconds.
        await Eventually.TrueAsync(async () => (await call()).StatusCode == status, what, TimeSpan.FromSeconds(90));

    private sealed record DemoProduct(Guid Id, Guid CooperativeId, decimal PriceMad, string NameFr, string Category);

    /// <summary>A published demo product that orders can price.</summary>
    private async Task<DemoProduct> DemoProductAsync()
    {
        var page = await JsonAsync(await Gateway.GetAsync("/api/catalog/products?pageSize=20"));
        foreach (var p in page.GetProperty("items").EnumerateArray())
        {
            if (p.GetProperty("stockAvailable").GetInt32() < 5) continue;
            var id = p.GetProperty("id").GetGuid();
            if (!(await Gateway.GetAsync($"/api/orders/price-book/{id}")).IsSuccessStatusCode) continue;
            return new DemoProduct(id, p.GetProperty("cooperativeId").GetGuid(), p.GetProperty("priceMad").GetDecimal(),
                p.GetProperty("nameFr").GetString()!, p.GetProperty("category").GetString()!);
        }
        throw new InvalidOperationException("no demo product in stock with a price in the price book");
    }

    /// <summary>
    /// The demo course of that title, by its demo id: other tests create courses with the same titles in other
    /// centres (the digital window journey makes its own "Initiation à l'informatique").
    /// </summary>
    private async Task<Guid> DemoCourseAsync(string titleFr)
    {
        var key = titleFr switch
        {
            "Initiation à l'informatique" => "computer-basics",
            "Couture et broderie" => "sewing",
            _ => throw new ArgumentException($"no demo course key for '{titleFr}'", nameof(titleFr)),
        };
        var id = Microsoft.Extensions.Hosting.DemoIds.Of("course:" + key);
        var courses = await JsonAsync(await Gateway.GetAsync("/api/courses/courses?pageSize=100"));
        Assert.Contains(courses.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id && c.GetProperty("titleFr").GetString() == titleFr);
        await Eventually.TrueAsync(async () => (await Gateway.GetAsync($"/api/enrollment/courses/{id}/seats")).IsSuccessStatusCode,
            "enrollment to know the demo course");
        return id;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, PlatformAccounts.Session who, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.As(who);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await Gateway.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
