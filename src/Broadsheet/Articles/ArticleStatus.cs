namespace Broadsheet.Articles;

// Stored as text so that both database providers, and people reading the tables, see the same words.
public enum ArticleStatus
{
    Draft,
    Scheduled,
    Published,

    // From WordPress: awaiting review, and visible to the newsroom only. Never public.
    Pending,
    Private,
    // Taken down after publication: gone from the site, kept in the back office.
    Unpublished,
}
