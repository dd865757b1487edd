using Broadsheet.Accounts;
using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Media;
using Broadsheet.Shared;
using Microsoft.Extensions.Options;

namespace Broadsheet.Import;

// Imports a WordPress export (WXR 1.0–1.2) in two streaming passes. The first reads the whole file
// and writes nothing, so a malformed file leaves the site as it was; the second writes in one
// transaction. Everything is matched on its WordPress ID: a re-run changes nothing, and a newer
// export of the same site updates what changed.
public sealed class WordPressImporter(
    BroadsheetDb db, Permalinks permalinks, IOptions<SiteOptions> site, IOptions<ImportOptions> options, TimeProvider time,
    MediaLibrary media, StaffDirectory staff)
{
    private const int ProgressEvery = 100;

    // uploadsFolder: a copy of the old site's wp-content/uploads, whose files go to the media library.
    public async Task<ImportReport> ImportAsync(Func<Stream> openFile, bool skipInvalid, string? uploadsFolder = null,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(openFile);
        WxrScan scan;
        await using (var file = openFile())
        {
            scan = await WxrScan.ReadAsync(file, cancellationToken);
        }
        if (scan.Invalid.Count > 0 && !skipInvalid)
        {
            throw new InvalidExportException(scan.Invalid);
        }

        var report = new ImportReport();
        report.Skipped.AddRange(scan.Invalid);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(site.Value.TimeZone);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Files first: posts anywhere in the file may show them. (A failed import leaves the
        // files written so far in the media folder, unreferenced; the database is rolled back.)
        var uploads = new WordPressUploads(db, media, uploadsFolder);
        await uploads.ImportAsync(scan, report, cancellationToken);
        var session = new ImportSession(db, permalinks, options.Value, zone, scan, report, time.GetUtcNow().UtcDateTime, uploads, staff);
        await using (var file = openFile())
        {
            var done = 0;
            await foreach (var entry in WxrReader.ReadAsync(file, cancellationToken))
            {
                await session.AddAsync(entry, cancellationToken);
                // Each entry is saved and forgotten (inside the one transaction), so memory stays
                // flat and the change tracker never has more than one item's rows to look through.
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                if (entry is WxrItem or WxrInvalid && ++done % ProgressEvery == 0)
                {
                    progress?.Report(new ImportProgress(done, scan.Items));
                }
            }
            if (done % ProgressEvery != 0)
            {
                progress?.Report(new ImportProgress(done, scan.Items));
            }
        }
        await session.FinishAsync(cancellationToken);
        await IdentitySequences.CatchUpAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return report;
    }
}
