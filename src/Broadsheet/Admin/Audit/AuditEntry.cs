using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Broadsheet.Admin.Audit;

// One line of the audit log: who did what, to what, when. Entries are only ever added.
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Who { get; set; }
    public required string Action { get; set; }
    public required string Detail { get; set; }
}

internal sealed class AuditEntryMapping : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.Who).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(50);
        entry.Property(e => e.Detail).HasMaxLength(1000);
        entry.HasIndex(e => e.At);
    }
}
