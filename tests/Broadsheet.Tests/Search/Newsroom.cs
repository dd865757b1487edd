using Broadsheet.Articles;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Search;

// Writes articles the way the back office and the importer will: through EF, in one SaveChanges.
public static class Newsroom
{
    public static Task<Article> AddArticleAsync(this BroadsheetApp app, string title, string body = "Nothing much happened.",
        string excerpt = "", ArticleStatus status = ArticleStatus.Published, TimeSpan? age = null, string? category = null,
        params string[] tags) =>
        app.WithDbAsync(async db =>
        {
            var ct = TestContext.Current.CancellationToken;
            var article = new Article
            {
                Title = title,
                Slug = Slugs.From(title) + "-" + Guid.NewGuid().ToString("N")[..6],
                BodyMarkdown = "",
                BodyHtml = "",
                Excerpt = excerpt,
                Status = status,
                PublishedAt = app.Time.GetUtcNow().UtcDateTime - (age ?? TimeSpan.FromHours(1)),
                UpdatedAt = app.Time.GetUtcNow().UtcDateTime,
                Author = await db.Authors.OrderBy(a => a.Id).FirstAsync(ct),
                Category = category is null
                    ? await db.Categories.OrderBy(c => c.Id).FirstAsync(ct)
                    : await db.Categories.FirstAsync(c => c.Slug == category, ct),
                Tags = await db.Tags.Where(t => tags.Contains(t.Slug)).ToListAsync(ct),
            };
            article.SetBody(body);
            db.Articles.Add(article);
            await db.SaveChangesAsync(ct);
            return article;
        });

    public static Task<int> AddSectionAndTagAsync(this BroadsheetApp app, string slug) => app.WithDbAsync(db =>
    {
        db.Categories.Add(new Taxonomy.Category { Name = slug, Slug = slug });
        db.Tags.Add(new Taxonomy.Tag { Name = slug, Slug = slug });
        return db.SaveChangesAsync(TestContext.Current.CancellationToken);
    });

    public static Task UpdateArticleAsync(this BroadsheetApp app, int id, Action<Article> change) =>
        app.WithDbAsync(async db =>
        {
            var article = await db.Articles.Include(a => a.Tags).FirstAsync(a => a.Id == id, TestContext.Current.CancellationToken);
            change(article);
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
}
