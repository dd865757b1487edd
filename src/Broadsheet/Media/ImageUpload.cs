using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Broadsheet.Media;

// Checks an uploaded file before anything decodes it: the type comes from its first bytes (never
// from its name or the browser's word), SVG is refused (it can carry script), and the pixel count
// is read from the header, so a 30,000 × 30,000 "decompression bomb" is refused without
// allocating its 3.6 GB. Then decodes fully, refusing damaged or truncated files.
public static class ImageUpload
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const long MaxPixels = 50_000_000;

    public const string TooLarge = "The file is larger than 10 MB.";
    public const string NotAnImage = "This file is not a JPEG, PNG, WebP or GIF image (the type is judged from its content, not its name).";
    public const string SvgRefused = "SVG images are not accepted: they can contain scripts. Please upload a PNG or JPEG instead.";
    public const string TooManyPixels = "The image is too large: at most 50 megapixels (for example 8,000 × 6,000).";
    public const string Damaged = "The image is damaged or incomplete and cannot be read.";

    public sealed record Kind(string Extension, string ContentType, SKEncodedImageFormat Format);

    public static readonly Kind Jpeg = new("jpg", "image/jpeg", SKEncodedImageFormat.Jpeg);
    public static readonly Kind Png = new("png", "image/png", SKEncodedImageFormat.Png);
    public static readonly Kind WebP = new("webp", "image/webp", SKEncodedImageFormat.Webp);

    // The kind to store the image as (GIF is stored as PNG: only its first frame is kept), or an error.
    public static (Kind? Kind, string? Error) Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return (Jpeg, null);
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return head.Length >= 24 && TooBig(BinaryPrimitives.ReadUInt32BigEndian(head[16..]), BinaryPrimitives.ReadUInt32BigEndian(head[20..]))
                ? (null, TooManyPixels) : (Png, null);
        }
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return head.Length >= 10 && TooBig(BinaryPrimitives.ReadUInt16LittleEndian(head[6..]), BinaryPrimitives.ReadUInt16LittleEndian(head[8..]))
                ? (null, TooManyPixels) : (Png, null);
        }
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return (WebP, null);
        }
        return (null, LooksLikeSvg(head) ? SvgRefused : NotAnImage);
    }

    // Header dimensions through Skia's codec, which reads the header only; then the full decode.
    public static (SKBitmap? Bitmap, string? Error) Decode(byte[] data)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(data));
        if (codec is null)
        {
            return (null, Damaged);
        }
        if (TooBig((uint)codec.Info.Width, (uint)codec.Info.Height))
        {
            return (null, TooManyPixels);
        }
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            return (null, Damaged);
        }
        return (ApplyOrientation(bitmap, codec.EncodedOrigin), null);
    }

    private static SKBitmap ApplyOrientation(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        // Phones store photos sideways with an EXIF flag; the stored copies are turned upright.
        var degrees = origin switch
        {
            SKEncodedOrigin.RightTop => 90,
            SKEncodedOrigin.BottomRight => 180,
            SKEncodedOrigin.LeftBottom => 270,
            _ => 0,
        };
        if (degrees == 0)
        {
            return bitmap;
        }
        var turned = degrees == 180 ? new SKBitmap(bitmap.Width, bitmap.Height) : new SKBitmap(bitmap.Height, bitmap.Width);
        using (var canvas = new SKCanvas(turned))
        {
            canvas.Translate(turned.Width / 2f, turned.Height / 2f);
            canvas.RotateDegrees(degrees);
            canvas.Translate(-bitmap.Width / 2f, -bitmap.Height / 2f);
            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        }
        bitmap.Dispose();
        return turned;
    }

    private static bool TooBig(uint width, uint height) => width == 0 || height == 0 || (long)width * height > MaxPixels;

    private static bool LooksLikeSvg(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith('<') && text.Contains("<svg", StringComparison.OrdinalIgnoreCase);
    }
}
