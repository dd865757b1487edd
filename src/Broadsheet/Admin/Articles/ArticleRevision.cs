using Broadsheet.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Broadsheet.Admin.Articles;

// The words of an article as one save left them. Every save from the back office adds one, so
// any earlier state can be compared and restored.
public class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public required string Title { get; set; }
    public required string Excerpt { get; set; }
    public required string BodyMarkdown { get; set; }
    public DateTime SavedAt { get; set; }
    public required string SavedBy { get; set; }
    public string Note { get; set; } = "";

    public string AsText() => $"{Title}\n\n{Excerpt}\n\n{BodyMarkdown}";

    public static ArticleRevision Of(Article article, DateTime now, string by, string note = "") => new()
    {
        Article = article,
        Title = article.Title,
        Excerpt = article.Excerpt,
        BodyMarkdown = article.BodyMarkdown,
        SavedAt = now,
        SavedBy = by,
        Note = note,
    };
}

internal sealed class ArticleRevisionMapping : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> revision)
    {
        revision.Property(r => r.Title).HasMaxLength(300);
        revision.Property(r => r.Excerpt).HasMaxLength(1000);
        revision.Property(r => r.SavedBy).HasMaxLength(256);
        revision.Property(r => r.Note).HasMaxLength(200);
        revision.HasOne(r => r.Article).WithMany().OnDelete(DeleteBehavior.Cascade);
        revision.HasIndex(r => new { r.ArticleId, r.SavedAt });
    }
}
