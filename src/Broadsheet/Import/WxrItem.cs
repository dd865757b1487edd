namespace Broadsheet.Import;

// The parts of a WordPress export (WXR 1.0–1.2) that Broadsheet keeps, one record per element.
// Each knows the line it started on, so that every message can point into the file.
public abstract record WxrEntry(int Line);

// Something of the channel Broadsheet has no use for (generator, language, nav menus…).
public sealed record WxrOther(int Line) : WxrEntry(Line);

// An entry whose values could not be read; What names it ("<item> post 12"), Why says what is wrong.
public sealed record WxrInvalid(int Line, string What, string Why) : WxrEntry(Line);

public sealed record WxrSite(int Line, string Title, string BaseSiteUrl, string BaseBlogUrl) : WxrEntry(Line);

public sealed record WxrAuthor(int Line, int? Id, string Login, string Email, string DisplayName) : WxrEntry(Line);

public sealed record WxrCategory(int Line, int? TermId, string Slug, string? ParentSlug, string Name, string Description)
    : WxrEntry(Line);

public sealed record WxrTag(int Line, int? TermId, string Slug, string Name) : WxrEntry(Line);

public sealed record WxrTerm(string Domain, string Slug, string Name);

public sealed record WxrItem(int Line) : WxrEntry(Line)
{
    public required int PostId { get; init; }
    public required string Title { get; init; }
    public string Link { get; init; } = "";
    public string Creator { get; init; } = "";
    public string Content { get; init; } = "";
    public string Excerpt { get; init; } = "";
    public DateTime? PostDate { get; init; }
    public DateTime? PostDateGmt { get; init; }
    public DateTime? ModifiedGmt { get; init; }
    public bool AreCommentsOpen { get; init; } = true;
    public string PostName { get; init; } = "";
    public string Status { get; init; } = "publish";
    public int PostParent { get; init; }
    public string PostType { get; init; } = "post";
    public bool IsSticky { get; init; }
    public string? AttachmentUrl { get; init; }
    public IReadOnlyList<WxrTerm> Terms { get; init; } = [];
    public IReadOnlyDictionary<string, string> Meta { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<WxrComment> Comments { get; init; } = [];
}

public sealed record WxrComment
{
    public required long Id { get; init; }
    public string Author { get; init; } = "";
    public string Email { get; init; } = "";
    public string Url { get; init; } = "";
    public string IpAddress { get; init; } = "";
    public string? UserAgent { get; init; }
    public DateTime? Date { get; init; }
    public DateTime? DateGmt { get; init; }
    public string Content { get; init; } = "";
    public string Approved { get; init; } = "1";
    public string Type { get; init; } = "comment";
    public long Parent { get; init; }
}

// A file that cannot be read as a WordPress export, or one of its items that cannot be imported.
public sealed class WxrException(int line, string reason) : Exception($"line {line}: {reason}")
{
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}
