using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages;

/// <summary>What every page has: the services, the language, and the last refusal a service gave, to show.</summary>
public abstract class WebPage(Api api, Lang lang) : PageModel
{
    protected Api Api => api;
    public Lang L => lang;
    protected CancellationToken Ct => HttpContext.RequestAborted;

    /// <summary>A service's refusal in the user's language (the services chose the words), shown above the page's content.</summary>
    public string? Problem { get; set; }
    /// <summary>Rows per page of the lists a page shows (?pageSize=); the platform's paging rule brings it into range.</summary>
    [BindProperty(SupportsGet = true, Name = "pageSize")] public int? AskedPageSize { get; set; }
    protected int ListSize => Paging.Clamp(1, AskedPageSize).Size;
    /// <summary>The list page asked for in the query string, brought into range by the same paging rule.</summary>
    protected static int ListPage(int? asked) => Paging.Clamp(asked, null).Page;

    /// <summary>What a change achieved, carried across the redirect that follows it.</summary>
    [TempData] public string? Done { get; set; }

    /// <summary>Runs a change; a refusal is kept for the page instead of becoming an error page.</summary>
    protected async Task<bool> TryAsync(Func<Task> change)
    {
        try
        {
            await change();
            return true;
        }
        catch (ApiProblem problem)
        {
            Problem = problem.Summary.Length > 0 ? problem.Summary : L.T("تعذر تنفيذ الطلب.", "La demande n'a pas pu aboutir.");
            return false;
        }
    }

    /// <summary>After a change: back to the page the form came from (post, redirect, get).</summary>
    protected IActionResult BackHere() => BackTo(Request.Path + Request.QueryString);

    protected IActionResult BackTo(string path)
    {
        if (Problem is not null) TempData[nameof(Problem)] = Problem;
        return LocalRedirect(path);
    }
}
