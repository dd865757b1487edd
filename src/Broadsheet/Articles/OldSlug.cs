using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Broadsheet.Articles;

// A slug an article was published under before an editor changed it. Links already out in the
// world keep working: the article page answers them with a 301 to the current permalink.
public class OldSlug
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
}

internal sealed class OldSlugMapping : IEntityTypeConfiguration<OldSlug>
{
    public void Configure(EntityTypeBuilder<OldSlug> oldSlug)
    {
        oldSlug.Property(o => o.Slug).HasMaxLength(Slugs.MaxLength);
        oldSlug.HasIndex(o => o.Slug).IsUnique();
        oldSlug.HasOne(o => o.Article).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}
