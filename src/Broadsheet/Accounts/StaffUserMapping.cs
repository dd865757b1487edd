using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Broadsheet.Accounts;

internal sealed class StaffUserMapping : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(200);
        user.HasOne(u => u.Author).WithMany().OnDelete(DeleteBehavior.SetNull);
    }
}

// The five roles exist from the first migration on, with fixed keys, so nothing seeds them at run time.
internal sealed class RoleMapping : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> role) =>
        role.HasData(Roles.All.Select(name => new IdentityRole
        {
            Id = name.ToLowerInvariant(),
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            ConcurrencyStamp = name.ToLowerInvariant(),
        }));
}
