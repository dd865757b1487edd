using System.Text.RegularExpressions;
using Broadsheet.Data;
using Broadsheet.Media;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Import;

// Brings the old site's files into the media library when the operator has a copy of its
// wp-content/uploads folder: every attachment whose URL points into uploads/ and whose file is in
// the copy goes through the same checks and resizing as an upload. Missing or refused files are
// listed, never fatal. A file imported before is found by its path, so a re-run adds nothing, and
// a re-run without the folder (null) still points at the files an earlier run brought in.
internal sealed partial class WordPressUploads(BroadsheetDb db, MediaLibrary library, string? folder)
{
    public const string UploadedBy = "WordPress import";

    public sealed record ImportedFile(int MediaId, string Url);

    private readonly Dictionary<string, ImportedFile> _bySourcePath = new(StringComparer.Ordinal);
    private readonly Dictionary<int, ImportedFile> _byAttachment = [];

    // Body URLs are rewritten only on the hosts the attachments were served from (or host-less).
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public async Task ImportAsync(WxrScan scan, ImportReport report, CancellationToken cancellationToken)
    {
        var root = folder is null ? null : Path.GetFullPath(folder);
        foreach (var (attachmentId, url) in scan.AttachmentUrls)
        {
            if (await ImportAsync(root, url, report, cancellationToken) is { } file)
            {
                _byAttachment[attachmentId] = file;
            }
        }
    }

    public ImportedFile? ForAttachment(int attachmentId) => _byAttachment.GetValueOrDefault(attachmentId);

    // Every URL of an imported file (or of one of WordPress's resized copies of it) becomes its
    // address here; any other URL stays as it was.
    public string RewriteUrls(string html) =>
        UploadsUrl().Replace(html, m =>
            (!m.Groups["host"].Success || _hosts.Contains(m.Groups["host"].Value)) && NewUrl(m.Groups["path"].Value) is { } url
                ? url : m.Value);

    private string? NewUrl(string escapedPath)
    {
        var path = Uri.UnescapeDataString(escapedPath);
        if (_bySourcePath.TryGetValue(path, out var file))
        {
            return file.Url;
        }
        // photo-300x200.jpg is WordPress's copy of photo.jpg (or, since 5.3, of photo-scaled.jpg).
        var original = SizedCopy().Replace(path, "${ext}");
        return original != path && (_bySourcePath.TryGetValue(original, out file)
            || _bySourcePath.TryGetValue(SizedCopy().Replace(path, "-scaled${ext}"), out file)) ? file.Url : null;
    }

    private async Task<ImportedFile?> ImportAsync(string? root, string url, ImportReport report, CancellationToken cancellationToken)
    {
        var match = UploadsUrl().Match(url);
        if (!match.Success || match.Index != 0 || match.Length != url.Length)
        {
            if (root is not null)
            {
                report.FilesNotImported.Add(new FileNotImported(url, "not in wp-content/uploads"));
            }
            return null;
        }
        if (match.Groups["host"].Success)
        {
            _hosts.Add(match.Groups["host"].Value);
        }
        var source = Uri.UnescapeDataString(match.Groups["path"].Value);
        if (_bySourcePath.TryGetValue(source, out var known))
        {
            return known;
        }
        if (await db.Set<MediaItem>().AsNoTracking().FirstOrDefaultAsync(m => m.SourcePath == source, cancellationToken) is { } earlier)
        {
            report.FilesKept++;
            return _bySourcePath[source] = new ImportedFile(earlier.Id, earlier.LargestUrl);
        }
        if (root is null)
        {
            return null;
        }
        var path = Path.GetFullPath(Path.Combine(root, source));
        // "../" in a URL must not reach outside the folder the operator named.
        if (source.Length > 500 || !path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            report.FilesNotImported.Add(new FileNotImported(url, "not a path inside the uploads folder"));
            return null;
        }
        if (!File.Exists(path))
        {
            report.FilesNotImported.Add(new FileNotImported(url, "no such file in the uploads folder"));
            return null;
        }
        var (item, error) = await library.AddFileAsync(path, UploadedBy, source, cancellationToken);
        db.ChangeTracker.Clear();
        if (item is null)
        {
            report.FilesNotImported.Add(new FileNotImported(url, error ?? ImageUpload.NotAnImage));
            return null;
        }
        report.FilesAdded++;
        return _bySourcePath[source] = new ImportedFile(item.Id, item.LargestUrl);
    }

    [GeneratedRegex(@"(?:https?:)?(?://(?<host>[^/\s""'<>]+))?/wp-content/uploads/(?<path>[^\s""'<>?#]+)", RegexOptions.IgnoreCase)]
    private static partial Regex UploadsUrl();

    [GeneratedRegex(@"-\d{1,5}x\d{1,5}(?<ext>\.[A-Za-z0-9]{2,5})$")]
    private static partial Regex SizedCopy();
}
