namespace Broadsheet.Articles;

// WordPress distinguishes posts (dated news) from pages (standing content such as "About us").
// Stored as text, like the status.
public enum ArticleKind
{
    Post,
    Page,
}
