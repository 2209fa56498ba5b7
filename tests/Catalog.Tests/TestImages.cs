using System.Buffers.Binary;
using System.Text;
using NetVips;

namespace Tadamon.Catalog.Tests;

/// <summary>Pictures made on the spot for the photo tests: plain colours, a phone's EXIF with GPS, a decompression bomb.</summary>
public static class TestImages
{
    public static byte[] Jpeg(int width, int height, byte red, byte green = 90, byte blue = 40)
    {
        using var image = Plain(width, height, red, green, blue);
        return image.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.None);
    }

    public static byte[] Png(int width, int height, byte red, byte green = 90, byte blue = 40)
    {
        using var image = Plain(width, height, red, green, blue);
        return image.PngsaveBuffer(keep: Enums.ForeignKeep.None);
    }

    private static Image Plain(int width, int height, byte red, byte green, byte blue)
    {
        using var black = Image.Black(width, height, bands: 3);
        // A gradient, not a flat colour: the WebP encoder must have something to keep.
        using var ramp = Image.Xyz(width, height)[0] * (255.0 / width);
        return (black + new double[] { red, green, blue } + ramp.Bandjoin(ramp, ramp) * 0.3).Cast(Enums.BandFormat.Uchar);
    }

    /// <summary>A JPEG as a phone writes it: an EXIF block whose GPS directory says where it was taken.</summary>
    public static byte[] JpegWithGps(int width, int height)
    {
        var jpeg = Jpeg(width, height, 200);
        var tiff = new byte[80];
        "II*\0"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        // IFD0: one entry, the pointer to the GPS directory at 26.
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1);
        Entry(tiff, 10, tag: 0x8825, type: 4, count: 1, value: 26);
        // GPS directory: latitude reference 'N' and latitude 30° 28' 12.34" (three rationals at 56).
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(26), 2);
        Entry(tiff, 28, tag: 0x0001, type: 2, count: 2, value: 'N');
        Entry(tiff, 40, tag: 0x0002, type: 5, count: 3, value: 56);
        uint[] rationals = [30, 1, 28, 1, 1234, 100];
        for (var i = 0; i < rationals.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(56 + i * 4), rationals[i]);

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF; segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        // Right after the start-of-image marker, where cameras put it.
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    private static void Entry(byte[] tiff, int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), tag);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), type);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 4), count);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 8), value);
    }

    /// <summary>A real, tiny PNG whose header is rewritten to declare a canvas of the given size.</summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        var png = Png(16, 16, 10);
        // The IHDR chunk's data starts at 16 (8 signature, 4 length, 4 type); its CRC covers type and data.
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    public static string Fields(byte[] image)
    {
        using var loaded = Image.NewFromBuffer(image);
        return string.Join(' ', loaded.GetFields());
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    public static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;
}
