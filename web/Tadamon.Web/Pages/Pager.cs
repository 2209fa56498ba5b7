using System.Globalization;

namespace Tadamon.Web.Pages;

/// <summary>
/// Where one list on a page stands, for the shared previous/next links (<c>Shared/_Pager</c>). A page with several
/// lists gives each its own query parameter, so paging one leaves the others, and every filter, as they were.
/// </summary>
public sealed record Pager(int PageNumber, int Pages, string Label, string Parameter = "page", string? Anchor = null)
{
    public static Pager Of<T>(Page<T> page, string label, string parameter = "page", string? anchor = null) =>
        new(page.PageNumber, page.Pages, label, parameter, anchor);

    /// <summary>This request's address with only this list's page changed (page 1 is the bare address).</summary>
    public string LinkTo(HttpRequest request, int page)
    {
        var kept = request.Query.Where(q => q.Key != Parameter && !q.Key.Equals("handler", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        if (page > 1) kept = kept.Append(new(Parameter, page.ToString(CultureInfo.InvariantCulture)));
        return request.PathBase + request.Path + QueryString.Create(kept) + (Anchor is null ? "" : "#" + Anchor);
    }
}
