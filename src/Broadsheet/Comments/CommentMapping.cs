using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Broadsheet.Comments;

// Lengths follow WordPress's limits (in characters), so imported comments always fit.
internal sealed class CommentMapping : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> comment)
    {
        comment.Property(c => c.AuthorName).HasMaxLength(CommentLimits.NameLength);
        comment.Property(c => c.AuthorEmail).HasMaxLength(CommentLimits.EmailLength);
        comment.Property(c => c.AuthorUrl).HasMaxLength(CommentLimits.UrlLength);
        comment.Property(c => c.Content).HasMaxLength(CommentLimits.ContentLength);
        comment.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        comment.Property(c => c.IpAddress).HasMaxLength(45);
        comment.Property(c => c.UserAgent).HasMaxLength(500);
        comment.Property(c => c.HeldReason).HasMaxLength(200);
        comment.Property(c => c.BrowserTokenHash).HasMaxLength(64);
        comment.Property(c => c.ContentHtml).HasMaxLength(CommentLimits.ContentLength * 2);
        comment.HasIndex(c => c.WordPressId).IsUnique();
        comment.Property(c => c.DisqusId).HasMaxLength(40);
        comment.HasIndex(c => c.DisqusId).IsUnique();
        comment.HasOne(c => c.Article).WithMany(a => a.Comments).OnDelete(DeleteBehavior.Cascade);
        comment.HasOne(c => c.Parent).WithMany().OnDelete(DeleteBehavior.Restrict);
        // Replies only: most comments have no parent, and a full index lumps them into one NULL
        // key, so SQLite's statistics say each parent has tens of thousands of replies and the
        // planner scans every comment for a thread's replies instead of looking them up.
        comment.HasIndex(c => c.ParentId).HasFilter("\"ParentId\" IS NOT NULL");
        // The article page reads one article's thread; the flood, duplicate and first-time checks
        // look up a commenter's recent comments by email or IP.
        comment.HasIndex(c => new { c.ArticleId, c.Status, c.CreatedAt });
        comment.HasIndex(c => new { c.AuthorEmail, c.CreatedAt });
        comment.HasIndex(c => new { c.IpAddress, c.CreatedAt });
        // The site's comments feed reads the newest approved comments of the whole site: walking
        // this index backwards stops after one feed's worth instead of sorting every comment. Its
        // Status column is far from selective for other queries; sqlite_stat1 (SqliteStatistics)
        // is what keeps the planner from choosing it for a thread's reply lookups.
        comment.HasIndex(c => new { c.Status, c.CreatedAt });
    }
}
