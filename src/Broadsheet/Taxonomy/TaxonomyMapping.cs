using Broadsheet.Authors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Broadsheet.Taxonomy;

internal sealed class CategoryMapping : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> category)
    {
        category.Property(c => c.Name).HasMaxLength(200);
        category.Property(c => c.Slug).HasMaxLength(200);
        category.HasIndex(c => c.Slug).IsUnique();
        category.Property(c => c.Description).HasMaxLength(2000);
        category.HasIndex(c => c.WordPressId).IsUnique();
        category.HasOne(c => c.Parent).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TagMapping : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> tag)
    {
        tag.Property(t => t.Name).HasMaxLength(200);
        tag.Property(t => t.Slug).HasMaxLength(200);
        tag.HasIndex(t => t.Slug).IsUnique();
        tag.HasIndex(t => t.WordPressId).IsUnique();
    }
}

internal sealed class AuthorMapping : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> author)
    {
        author.Property(a => a.Name).HasMaxLength(200);
        author.Property(a => a.Slug).HasMaxLength(200);
        author.HasIndex(a => a.Slug).IsUnique();
        author.Property(a => a.Bio).HasMaxLength(2000);
        author.Property(a => a.Email).HasMaxLength(100);
        author.Property(a => a.WordPressLogin).HasMaxLength(60);
        author.HasIndex(a => a.WordPressLogin).IsUnique();
        author.HasIndex(a => a.WordPressId).IsUnique();
    }
}
