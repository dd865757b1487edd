using Broadsheet.Admin.Audit;
using Broadsheet.Data;
using Broadsheet.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Admin.Media;

// The image library: upload (checked by ImageUpload, stored by MediaLibrary) and the list, whose
// numbers the article editor takes for a featured image.
[RequestSizeLimit(ImageUpload.MaxBytes + (1024 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = ImageUpload.MaxBytes + (1024 * 1024))]
public sealed class MediaPage(BroadsheetDb db, MediaLibrary library, AuditLog audit) : PageModel
{
    public IReadOnlyList<MediaItem> Items { get; private set; } = [];
    public string? Error { get; private set; }
    public MediaItem? Added { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Error = "Please choose an image file to upload.";
        }
        else
        {
            (Added, Error) = await library.AddAsync(file, User.Identity?.Name ?? "", cancellationToken);
            if (Added is { } item)
            {
                await audit.RecordAsync(User, "media.uploaded", $"#{item.Id} {item.OriginalName}", cancellationToken);
            }
        }
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        await ListAsync(cancellationToken);
        return Page();
    }

    private async Task ListAsync(CancellationToken cancellationToken) =>
        Items = await db.Set<MediaItem>().AsNoTracking().OrderByDescending(m => m.Id).Take(100).ToListAsync(cancellationToken);
}
