namespace Tadamon.Catalog.Model;

/// <summary>
/// One photo of a product, as buyers get it: WebP renditions in a few widths, all stored under <see cref="Hash"/>
/// (the SHA-256 of the largest rendition). <see cref="Width"/> and <see cref="Height"/> are the largest rendition's,
/// so a page can reserve the photo's space before it loads. The first photo of a product is its cover.
/// </summary>
public sealed record ProductPhoto(Guid Id, string Hash, int Width, int Height, int[] Widths)
{
    /// <summary>A shop window, not an album: more photos add weight and little choice.</summary>
    public const int MaxPerProduct = 6;
}
