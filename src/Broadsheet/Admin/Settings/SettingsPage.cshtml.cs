using Broadsheet.Admin.Audit;
using Broadsheet.Comments;
using Broadsheet.Data;
using Broadsheet.Settings;
using Broadsheet.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Broadsheet.Admin.Settings;

// The settings editors may change. Saved to the database; this node uses them at once, the
// others within EditorSettings.Lifetime.
public sealed class SettingsPage(BroadsheetDb db, EditorSettings settings, AuditLog audit,
    IOptions<SiteOptions> site, IOptions<CommentOptions> comments) : PageModel
{
    [BindProperty]
    public SiteSettings Form { get; set; } = new();

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Form = await db.Set<SiteSettings>().AsNoTracking().FirstOrDefaultAsync(cancellationToken)
            ?? SiteSettings.FromOperator(site.Value, comments.Value);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(Form.TimeZone ?? "", out _))
        {
            ModelState.AddModelError("Form.TimeZone", $"'{Form.TimeZone}' is not a known time zone (try Europe/London).");
        }
        if (!ModelState.IsValid)
        {
            Message = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Form.Id = SiteSettings.SingleRowId;
        Form.Tagline ??= "";
        Form.DisallowedWords ??= "";
        Form.ModerationWords ??= "";
        var exists = await db.Set<SiteSettings>().AnyAsync(cancellationToken);
        db.Entry(Form).State = exists ? EntityState.Modified : EntityState.Added;
        await db.SaveChangesAsync(cancellationToken);
        settings.Remember(Form);
        await audit.RecordAsync(User, "settings.changed", "Site settings saved", cancellationToken);
        Message = "Settings saved.";
        return Page();
    }
}
