using System.Security.Claims;
using Broadsheet.Data;

namespace Broadsheet.Admin.Audit;

// Records the back office's consequential actions (publishing, deleting, approving, role changes)
// for administrators to read. Saved at once, on its own, so a later failure cannot erase it.
public sealed class AuditLog(BroadsheetDb db, TimeProvider time)
{
    public Task RecordAsync(ClaimsPrincipal who, string action, string detail, CancellationToken cancellationToken) =>
        RecordAsync(who.Identity?.Name ?? "system", action, detail, cancellationToken);

    public async Task RecordAsync(string who, string action, string detail, CancellationToken cancellationToken)
    {
        db.Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            Who = who,
            Action = action,
            Detail = detail.Length > 1000 ? detail[..1000] : detail,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
