using System.Globalization;
using Tadamon.Web.Backend;

namespace Tadamon.Web.Market;

/// <summary>
/// How a page asks for a product photo: the browser picks a rendition from <c>srcset</c> by the slot's width
/// (<see cref="Sizes"/>), and the declared width and height keep the layout from jumping while it loads.
/// Renditions come from catalog through the gateway, same origin as the page, cached for a year under their hash.
/// </summary>
public sealed record PhotoView(ProductPhoto? Photo, string? ExternalUrl, string Alt, string Sizes, bool Eager = false)
{
    public static string Src(ProductPhoto photo, int width) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/catalog/photos/{photo.Hash}/{width}");

    public static string SrcSet(ProductPhoto photo) =>
        string.Join(", ", photo.Widths.Select(w => string.Create(CultureInfo.InvariantCulture, $"{Src(photo, w)} {w}w")));

    /// <summary>The smallest rendition at least as wide as <paramref name="atLeast"/>, for browsers that ignore srcset.</summary>
    public static string Fallback(ProductPhoto photo, int atLeast) =>
        Src(photo, photo.Widths.FirstOrDefault(w => w >= atLeast, photo.Widths[^1]));

    /// <summary>A card in the product grid: about a quarter of a wide screen, the whole width of a phone.</summary>
    public const string CardSizes = "(min-width: 60rem) 18rem, (min-width: 32rem) 45vw, 92vw";
    /// <summary>The product page's main photo.</summary>
    public const string PageSizes = "(min-width: 40rem) 36rem, 92vw";
    /// <summary>A thumbnail in the manager's photo list.</summary>
    public const string ThumbSizes = "10rem";

    /// <summary>The first cards of a list are in view at once: they load eagerly; the rest wait until scrolled to.</summary>
    public const int EagerCards = 2;
}
