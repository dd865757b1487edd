using System.Security.Claims;
using Broadsheet.Data;

namespace Broadsheet.Admin.Audit;

// Records the back office's consequential actions (publishing, deleting, approving, role changes)
// for administrators to read. Saved at once, on its own, so a later failure cannot erase it.
public sealed class AuditLog(BroadsheetDb db, TimeProvider time)
{
    public async Task RecordAsync(ClaimsPrincipal who, string action, string detail, CancellationToken cancellationToken)
    {
        db.Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            Who = who.Identity?.Name ?? "system",
            Action = action,
            Detail = detail.Length > 1000 ? detail[..1000] : detail,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
