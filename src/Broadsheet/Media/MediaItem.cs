using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Broadsheet.Media;

// An uploaded image. Only re-encoded copies at a few widths are kept (the upload itself is not:
// re-encoding drops metadata such as GPS positions, and anything hidden after the image data).
// Files are named {Key}-{width}.{Extension} in the data folder's media/ directory; a name never
// changes content, so they are served as immutable.
public class MediaItem
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Extension { get; set; }
    public required string ContentType { get; set; }
    public required string OriginalName { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }

    // Ascending, comma-separated: "480,960,1600".
    public required string Widths { get; set; }
    public DateTime UploadedAt { get; set; }
    public required string UploadedBy { get; set; }

    // Where an imported file came from, relative to WordPress's uploads folder ("2024/03/harbour.jpg"):
    // a second import of the same site finds it here instead of storing it twice. Null for uploads.
    public string? SourcePath { get; set; }

    public IEnumerable<int> AvailableWidths => Widths.Split(',').Select(w => int.Parse(w, System.Globalization.CultureInfo.InvariantCulture));

    public string Url(int width) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/media/{Key}-{width}.{Extension}");

    public string LargestUrl => Url(AvailableWidths.Last());

    public string SmallestUrl => Url(AvailableWidths.First());

    public string SrcSet => string.Join(", ", AvailableWidths.Select(w => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Url(w)} {w}w")));
}

internal sealed class MediaItemMapping : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> media)
    {
        media.Property(m => m.Key).HasMaxLength(32);
        media.HasIndex(m => m.Key).IsUnique();
        media.Property(m => m.Extension).HasMaxLength(8);
        media.Property(m => m.ContentType).HasMaxLength(50);
        media.Property(m => m.OriginalName).HasMaxLength(255);
        media.Property(m => m.Widths).HasMaxLength(100);
        media.Property(m => m.UploadedBy).HasMaxLength(256);
        // 500 characters keep the index entry within PostgreSQL's B-tree limit even for CJK names.
        media.Property(m => m.SourcePath).HasMaxLength(500);
        media.HasIndex(m => m.SourcePath).IsUnique();
    }
}
