using Broadsheet.Data;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Broadsheet.Media;

// Stores an accepted upload as re-encoded copies at a few widths (never wider than the original),
// in the data folder's media/ directory, and records it.
public sealed class MediaLibrary(BroadsheetDb db, IOptions<DataOptions> data, TimeProvider time)
{
    public static readonly int[] Widths = [480, 960, 1600];
    public const int MaxStoredWidth = 2400;

    public string Folder => Path.Combine(data.Value.FullDataDirectory, "media");

    public async Task<(MediaItem? Item, string? Error)> AddAsync(IFormFile file, string uploadedBy, CancellationToken cancellationToken)
    {
        if (file.Length > ImageUpload.MaxBytes)
        {
            return (null, ImageUpload.TooLarge);
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return await AddAsync(buffer.ToArray(), file.FileName, uploadedBy, null, cancellationToken);
    }

    // A file already on this machine (the WordPress importer's uploads folder); sourcePath is
    // remembered on the item so that importing the same file again finds it.
    public async Task<(MediaItem? Item, string? Error)> AddFileAsync(string path, string uploadedBy, string sourcePath,
        CancellationToken cancellationToken)
    {
        if (new FileInfo(path).Length > ImageUpload.MaxBytes)
        {
            return (null, ImageUpload.TooLarge);
        }
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return await AddAsync(bytes, path, uploadedBy, sourcePath, cancellationToken);
    }

    private async Task<(MediaItem? Item, string? Error)> AddAsync(byte[] bytes, string fileName, string uploadedBy, string? sourcePath,
        CancellationToken cancellationToken)
    {
        var (kind, sniffError) = ImageUpload.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, 512)));
        if (kind is null)
        {
            return (null, sniffError);
        }
        var (bitmap, decodeError) = ImageUpload.Decode(bytes);
        if (bitmap is null)
        {
            return (null, decodeError);
        }
        using (bitmap)
        {
            var item = new MediaItem
            {
                Key = Guid.NewGuid().ToString("N"),
                Extension = kind.Extension,
                ContentType = kind.ContentType,
                OriginalName = Path.GetFileName(fileName) is { Length: <= 255 } name ? name : "upload",
                Width = bitmap.Width,
                Height = bitmap.Height,
                Widths = "",
                UploadedAt = time.GetUtcNow().UtcDateTime,
                UploadedBy = uploadedBy,
                SourcePath = sourcePath,
            };
            var widths = Widths.Where(w => w < bitmap.Width).Append(Math.Min(bitmap.Width, MaxStoredWidth)).Distinct().Order().ToList();
            Directory.CreateDirectory(Folder);
            foreach (var width in widths)
            {
                await WriteAsync(bitmap, width, kind, Path.Combine(Folder, $"{item.Key}-{width}.{kind.Extension}"), cancellationToken);
            }
            item.Widths = string.Join(',', widths);
            db.Add(item);
            await db.SaveChangesAsync(cancellationToken);
            return (item, null);
        }
    }

    private static async Task WriteAsync(SKBitmap bitmap, int width, ImageUpload.Kind kind, string path, CancellationToken cancellationToken)
    {
        var height = Math.Max(1, (int)Math.Round(bitmap.Height * (double)width / bitmap.Width));
        using var resized = width == bitmap.Width ? bitmap.Copy() : bitmap.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var image = SKImage.FromBitmap(resized);
        using var encoded = image.Encode(kind.Format, 82);
        await using var output = File.Create(path);
        await encoded.AsStream().CopyToAsync(output, cancellationToken);
    }
}
