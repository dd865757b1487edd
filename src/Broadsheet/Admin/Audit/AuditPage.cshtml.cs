using Broadsheet.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Admin.Audit;

public sealed class AuditPage(BroadsheetDb db) : PageModel
{
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Entries = await db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Id).Take(200).ToListAsync(cancellationToken);
}
