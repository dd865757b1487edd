using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Broadsheet.Redirects;

internal sealed class LegacyUrlMapping : IEntityTypeConfiguration<LegacyUrl>
{
    public void Configure(EntityTypeBuilder<LegacyUrl> legacy)
    {
        legacy.Property(l => l.Path).HasMaxLength(1000);
        legacy.HasIndex(l => l.Path).IsUnique();
        legacy.Property(l => l.Target).HasConversion<string>().HasMaxLength(20);
    }
}
