namespace Broadsheet.Articles;

// Stored as text so that both database providers, and people reading the tables, see the same words.
public enum ArticleStatus
{
    Draft,
    Scheduled,
    Published,

    // Taken down after publication: gone from the site, kept in the back office.
    Unpublished,
}
