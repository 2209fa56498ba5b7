using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Learn.Me;

/// <summary>
/// Leaving a course, in two steps: this page says what it means, and the person ticks a box to confirm. No script,
/// so the box is the confirmation (checked again here, in case a browser ignores <c>required</c>).
/// </summary>
public sealed class WithdrawModel(Api api, Lang lang) : WebPage(api, lang)
{
    public Enrollment Enrollment { get; private set; } = null!;
    public bool CanWithdraw => Enrollment.Status is "Seated" or "Waiting";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await Api.FindAsync<Enrollment>(Services.Enrollment, $"/enrollments/{id}", Ct) is not { } enrollment) return NotFound();
        Enrollment = enrollment;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, bool confirm)
    {
        if (!confirm)
        {
            Problem = L.T("ضع علامة في الخانة لتأكيد المغادرة.", "Cochez la case pour confirmer que vous quittez le cours.");
            return await OnGetAsync(id);
        }
        Enrollment? left = null;
        if (!await TryAsync(async () => left = await Api.PostAsync<Enrollment>(Services.Enrollment, $"/enrollments/{id}/withdraw", null, Ct)))
            return await OnGetAsync(id);
        Done = L.T($"غادرت دورة {left!.CourseTitleAr}.", $"Vous avez quitté le cours {left!.CourseTitleFr}.");
        return BackTo("/learn/me");
    }
}
