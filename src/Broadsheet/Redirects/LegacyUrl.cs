namespace Broadsheet.Redirects;

// An address the site answered before it moved to Broadsheet (a WordPress permalink, a page, a
// category under another base), and what now stands there. The target is looked up when asked,
// so a renamed slug or a changed time zone never leaves a stale redirect behind.
public class LegacyUrl
{
    public int Id { get; set; }

    // Unescaped path, always ending in '/', without query string: "/2019/05/über-uns/".
    public required string Path { get; set; }
    public LegacyTarget Target { get; set; }
    public int TargetId { get; set; }
}

public enum LegacyTarget
{
    Article,
    Category,
    Tag,
    Author,
}
