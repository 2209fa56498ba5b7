using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Account;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Learn.Me;

public sealed class PreRegisterModel(Api api, Lang lang) : WebPage(api, lang)
{
    [BindProperty] public string IdempotencyKey { get; set; } = "";
    [BindProperty] public string FullName { get; set; } = "";
    [BindProperty] public DateOnly? DateOfBirth { get; set; }
    [BindProperty] public string Phone { get; set; } = "";
    [BindProperty] public string? GuardianName { get; set; }
    [BindProperty] public string? GuardianPhone { get; set; }
    [BindProperty] public string[] Needs { get; set; } = [];
    public Backend.Course Course { get; private set; } = null!;
    public PauseBanner? Pause { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        IdempotencyKey = $"web-{Guid.NewGuid():N}";
        FullName = User.NameOf() ?? "";
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var needs = Needs.Where(LearnCodes.Needs.Contains).ToList();
        var sent = await TryAsync(() => Api.PostAsync<Unit>(Services.Enrollment, "/pre-registrations", new
        {
            courseId = id, fullName = FullName.Trim(), dateOfBirth = DateOfBirth ?? default, phone = Phone.Trim(),
            guardianName = string.IsNullOrWhiteSpace(GuardianName) ? null : GuardianName.Trim(),
            guardianPhone = string.IsNullOrWhiteSpace(GuardianPhone) ? null : GuardianPhone.Trim(),
            accessibilityNeeds = needs.Count == 0 ? "None" : string.Join(", ", needs),
        }, Ct, IdempotencyKey is { Length: >= 8 and <= 100 } ? IdempotencyKey : null));
        if (!sent) return Page();
        Done = L.T("تم إرسال تسجيلك القبلي. سيخبرك المركز بقراره.", "Votre pré-inscription est envoyée. Le centre vous informera de sa décision.");
        return LocalRedirect("/learn/me");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await Api.FindAsync<Backend.Course>(Services.Courses, $"/courses/{id}", Ct) is not { } course) return false;
        Course = course;
        // Enrollment's banner for the centre: a paused centre still takes pre-registrations, and says so.
        Pause = await Api.FindAsync<PauseBanner>(Services.Enrollment, $"/centres/{course.CentreId}/pause-banner", Ct);
        return true;
    }
}
