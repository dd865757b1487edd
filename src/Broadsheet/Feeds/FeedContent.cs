namespace Broadsheet.Feeds;

public enum FeedFormat
{
    Rss,
    Atom,
}

// One feed, whatever its source and format. Paths are site-relative; FeedWriter makes them absolute.
public sealed record FeedContent
{
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string PagePath { get; init; }
    public required IReadOnlyList<FeedEntry> Entries { get; init; }
}

// Id is site-relative and built from database ids only, so it never changes when a title or slug does.
public sealed record FeedEntry
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Path { get; init; }
    public required DateTime Published { get; init; }
    public required DateTime Updated { get; init; }
    public required string AuthorName { get; init; }
    public required string SummaryText { get; init; }
    public string? ContentHtml { get; init; }
    public string? Category { get; init; }
}
