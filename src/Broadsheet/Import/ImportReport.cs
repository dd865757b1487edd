namespace Broadsheet.Import;

// What an import did, for the summary at the end of the command and for tests.
public sealed class ImportReport
{
    public int ArticlesAdded { get; set; }
    public int ArticlesUpdated { get; set; }
    public int PagesAdded { get; set; }
    public int CommentsAdded { get; set; }
    public int CommentsUpdated { get; set; }
    public int Authors { get; set; }
    public int Categories { get; set; }
    public int Tags { get; set; }
    public int LegacyUrls { get; set; }
    public List<SkippedEntry> Skipped { get; } = [];

    // With --uploads: files brought into the media library, found there from an earlier run, or not imported.
    public int FilesAdded { get; set; }
    public int FilesKept { get; set; }
    public List<FileNotImported> FilesNotImported { get; } = [];

    // Staff accounts made for imported authors (no password: an administrator sets one to invite them).
    public int AccountsCreated { get; set; }
    public List<string> AccountsNotCreated { get; } = [];
}

public sealed record FileNotImported(string Url, string Why)
{
    public override string ToString() => $"{Url}: {Why}";
}

// An entry of the file that was not imported, and why ("line 40: <item> post 12: status is trash").
public sealed record SkippedEntry(int Line, string What, string Why)
{
    public override string ToString() => $"line {Line}: {What}: {Why}";
}

public sealed record ImportProgress(int Done, int Total);

// The file has entries that cannot be imported and --skip-invalid was not given: nothing was written.
public sealed class InvalidExportException(IReadOnlyList<SkippedEntry> invalid)
    : Exception($"{invalid.Count} entr{(invalid.Count == 1 ? "y" : "ies")} cannot be imported; nothing was changed. First: {invalid[0]}")
{
    public IReadOnlyList<SkippedEntry> Invalid { get; } = invalid;
}
