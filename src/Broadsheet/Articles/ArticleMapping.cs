using Broadsheet.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Broadsheet.Articles;

internal sealed class ArticleMapping : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.Property(a => a.Title).HasMaxLength(300);
        article.Property(a => a.Slug).HasMaxLength(200);
        article.HasIndex(a => a.Slug).IsUnique();
        article.Property(a => a.Excerpt).HasMaxLength(1000);
        article.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        // The home page and every archive list "published, newest first".
        article.HasIndex(a => new { a.Status, a.PublishedAt });
        article.HasIndex(a => new { a.CategoryId, a.Status, a.PublishedAt });
        // Lists show posts only (ArticleQueries.Published): with Kind in the index, the rows a deep
        // page skips (/page/5000/: OFFSET 49,990) are index entries only, never table rows. Id keeps
        // the index in list order (newest, then highest Id); CategoryId (and Id, for the tag and
        // secondary-section lookups) lets a section or tag archive pass over other sections'
        // articles without reading their rows.
        article.HasIndex(a => new { a.Status, a.Kind, a.PublishedAt, a.Id, a.CategoryId });
        article.HasIndex(a => new { a.AuthorId, a.Status, a.Kind, a.PublishedAt });
        // SQLite's search reads each ranked candidate's state and date here (SqliteSearchPlan.From):
        // in the row they lie behind the body's overflow pages.
        article.HasIndex(a => new { a.Id, a.Status, a.PublishedAt }, "IX_Articles_Id_Status_PublishedAt");
        article.HasOne(a => a.Author).WithMany().OnDelete(DeleteBehavior.Restrict);
        article.HasOne(a => a.Category).WithMany().OnDelete(DeleteBehavior.Restrict);
        article.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20).HasDefaultValue(ArticleKind.Post)
            .HasSentinel((ArticleKind)(-1)); // existing rows become posts; new rows always send their kind
        article.Property(a => a.FeaturedImageUrl).HasMaxLength(2000);
        article.HasIndex(a => a.WordPressId).IsUnique();
        article.Property(a => a.Version).IsConcurrencyToken();
        article.Property(a => a.FeaturedImageAlt).HasMaxLength(300);
        // (TagsId, ArticlesId): a tag's newest articles are an index walk (RelatedArticles, tag archives).
        article.HasMany(a => a.Tags).WithMany(t => t.Articles)
            .UsingEntity("ArticleTags", join => join.HasIndex("TagsId", "ArticlesId"));
        // Archives ask "which articles are also in this section": the index starts with the category.
        article.HasMany(a => a.SecondaryCategories).WithMany().UsingEntity("ArticleCategories",
            category => category.HasOne(typeof(Category)).WithMany().HasForeignKey("CategoryId").OnDelete(DeleteBehavior.Cascade),
            owner => owner.HasOne(typeof(Article)).WithMany().HasForeignKey("ArticleId").OnDelete(DeleteBehavior.Cascade),
            join =>
            {
                join.HasKey("ArticleId", "CategoryId");
                join.HasIndex("CategoryId", "ArticleId");
            });
        // ParentId is a plain column, not a foreign key: adding one would make SQLite rebuild the
        // Articles table, which its search triggers forbid; a parent that is gone ends the page's
        // path where it breaks (PagePaths), which is what a foreign key's SET NULL would do.
        article.Property(a => a.PagePath).HasMaxLength(1000);
        // Only ThreadCounts writes the counts, recounting from the comments: an article saved from
        // a copy read before a comment arrived must not put its stale figures back.
        foreach (var count in new[] { article.Property(a => a.ApprovedCommentCount), article.Property(a => a.ThreadRootCount) })
        {
            count.HasDefaultValue(0).HasSentinel(-1);
            count.Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
            count.Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        }
    }
}
