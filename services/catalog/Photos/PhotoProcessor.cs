using System.Security.Cryptography;
using NetVips;

namespace Tadamon.Catalog.Photos;

/// <summary>A WebP rendition of a photo, re-encoded from the pixels alone (no EXIF, no GPS, no ICC, no XMP).</summary>
public sealed record Rendition(int Width, int Height, byte[] Bytes);

/// <summary>What an upload became: its renditions, smallest first, and the key they are stored under.</summary>
public sealed record ProcessedPhoto(string Hash, IReadOnlyList<Rendition> Renditions)
{
    public Rendition Largest => Renditions[^1];
}

/// <summary>Why an upload was refused, in both of the platform's languages.</summary>
public sealed record PhotoRefusal(string French, string Arabic);

/// <summary>
/// Turns an uploaded file into the renditions buyers download. The file is judged by its bytes, never by its name or
/// declared type: JPEG, PNG or WebP by their signatures, then decoded only by that format's own libvips loader. Its
/// dimensions are read from the header before any pixel is decoded, so a small file declaring a huge canvas (a
/// decompression bomb) is refused for the cost of reading a header. Every rendition is re-encoded from pixels with
/// nothing kept, so a phone photo's GPS position never leaves this class.
/// </summary>
public static class PhotoProcessor
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxSide = 8000;
    public const long MaxPixels = 40_000_000;
    /// <summary>Phone list, phone page and wide screen; a photo narrower than the largest keeps its own width.</summary>
    public static readonly int[] Widths = [320, 640, 1280];
    private const int Quality = 80;

    static PhotoProcessor()
    {
        // Uploads are all different: an operation cache would only keep decoded pixels alive.
        Cache.Max = 0;
        // Loaders libvips itself marks as unfit for untrusted input stay off even if a path ever reached them.
        NetVips.NetVips.BlockUntrusted = true;
        // The demo seed draws its pictures as SVG. Uploads never reach this loader: their signature is checked first.
        Operation.Block("VipsForeignLoadSvg", false);
    }

    /// <summary>Applies the settings above before anything else in the process uses libvips.</summary>
    public static void EnsureConfigured() { }

    private enum Format { Jpeg, Png, WebP }

    public static PhotoRefusal? Check(long length) => length switch
    {
        0 => new("Le fichier est vide.", "الملف فارغ."),
        > MaxBytes => new("La photo dépasse 5 Mo.", "حجم الصورة يتجاوز 5 ميغابايت."),
        _ => null,
    };

    /// <summary>The renditions, or why the file is refused. Pure CPU work: call it before opening a transaction.</summary>
    public static (ProcessedPhoto? Photo, PhotoRefusal? Refusal) Process(byte[] bytes)
    {
        if (Check(bytes.LongLength) is { } tooBig) return (null, tooBig);
        if (Sniff(bytes) is not { } format)
            return (null, new("Ce fichier n'est pas une photo JPEG, PNG ou WebP.", "هذا الملف ليس صورة بصيغة JPEG أو PNG أو WebP."));
        try
        {
            using var header = format switch
            {
                Format.Jpeg => Image.JpegloadBuffer(bytes, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
                Format.Png => Image.PngloadBuffer(bytes, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
                _ => Image.WebploadBuffer(bytes, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
            };
            // Only the header has been read so far; an EXIF rotation swaps the sides but not the area.
            if (header.Width > MaxSide || header.Height > MaxSide || (long)header.Width * header.Height > MaxPixels)
                return (null, new($"La photo est trop grande (au plus {MaxSide} pixels de côté et 40 mégapixels).",
                    $"أبعاد الصورة كبيرة جدا (لا تتجاوز {MaxSide} بكسل لكل ضلع و40 ميغابكسل)."));

            var renditions = new List<Rendition>();
            foreach (var width in Widths)
            {
                // The thumbnail turns the photo upright from its EXIF orientation and never enlarges it.
                using var resized = Image.ThumbnailBuffer(bytes, width, height: 100_000, size: Enums.Size.Down, failOn: Enums.FailOn.Error);
                if (renditions.Count > 0 && resized.Width <= renditions[^1].Width) break;
                var encoded = resized.WebpsaveBuffer(q: Quality, effort: 4, keep: Enums.ForeignKeep.None);
                renditions.Add(new Rendition(resized.Width, resized.Height, encoded));
                if (resized.Width < width) break; // the photo's own width was reached
            }
            return (new ProcessedPhoto(Convert.ToHexStringLower(SHA256.HashData(renditions[^1].Bytes)), renditions), null);
        }
        catch (VipsException)
        {
            return (null, new("Cette photo est illisible ou abîmée.", "تعذرت قراءة هذه الصورة أو أنها تالفة."));
        }
    }

    private static Format? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return Format.Jpeg;
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return Format.Png;
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return Format.WebP;
        return null;
    }
}
