using Broadsheet.Authors;
using Broadsheet.Comments;
using Broadsheet.Data;
using Broadsheet.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Articles;

// What the article page reads about its article, in one compiled query: the row without its
// Markdown (only the HTML is shown), byline and section names, tags and other sections, and the
// two counts of its thread (approved comments, and roots for the comment pages).
public sealed record ArticleRead(Article Article, int ApprovedComments, int ThreadRoots);

internal static class ArticlePageQueries
{
    // Only pages answer at an address outside the dated ones.
    public static readonly Func<BroadsheetDb, string, bool, CancellationToken, Task<ArticleRead?>> ShownAsync =
        EF.CompileAsyncQuery((BroadsheetDb db, string slug, bool pagesOnly, CancellationToken cancellationToken) =>
            // One statement: an article has few tags and other sections, so their join stays small.
            db.Articles.AsNoTracking().AsSingleQuery()
                .Where(a => a.Slug == slug && (!pagesOnly || a.Kind == ArticleKind.Page))
                .Select(a => new ArticleRead(
                    new Article
                    {
                        Id = a.Id, Title = a.Title, Slug = a.Slug, BodyMarkdown = "", BodyHtml = a.BodyHtml, Excerpt = a.Excerpt,
                        Status = a.Status, PublishedAt = a.PublishedAt, UpdatedAt = a.UpdatedAt, AreCommentsOpen = a.AreCommentsOpen,
                        AuthorId = a.AuthorId, Author = new Author { Id = a.Author.Id, Name = a.Author.Name, Slug = a.Author.Slug },
                        CategoryId = a.CategoryId, Category = new Category { Id = a.Category.Id, Name = a.Category.Name, Slug = a.Category.Slug },
                        Tags = a.Tags.Select(t => new Tag { Id = t.Id, Name = t.Name, Slug = t.Slug }).ToList(),
                        SecondaryCategories = a.SecondaryCategories.OrderBy(c => c.Name)
                            .Select(c => new Category { Id = c.Id, Name = c.Name, Slug = c.Slug }).ToList(),
                        WordPressId = a.WordPressId, IsSticky = a.IsSticky, Kind = a.Kind, FeaturedImageUrl = a.FeaturedImageUrl,
                        ParentId = a.ParentId, PagePath = a.PagePath, Version = a.Version,
                        FeaturedMediaId = a.FeaturedMediaId, FeaturedImageAlt = a.FeaturedImageAlt,
                    },
                    a.Comments.Count(c => c.Status == CommentStatus.Approved),
                    // CommentPageQueries.ThreadRoots, spelled out: a compiled query cannot call it.
                    a.Comments.Count(c => c.Status == CommentStatus.Approved
                        && (c.ParentId == null || c.Parent!.Status != CommentStatus.Approved))))
                .FirstOrDefault());
}
