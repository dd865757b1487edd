using System.Globalization;
using System.Text.RegularExpressions;
using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Import;
using Broadsheet.Shared;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Redirects;

// Old WordPress links keep working: /?p=ID, /?page_id=ID, /?cat=ID, /?tag=slug, /?author=ID and
// ?replytocom=N (an old comment number) answer 301 to the new place at once; any other address
// that ends in 404 is looked up among the old addresses (LegacyUrl), with "feed/" and "amp/" tails
// tried too. A page that is rendered costs one indexed lookup, a cached page none (the output
// cache answers before this runs; CacheEviction evicts every page when an old address is stored),
// and a 404 one more. Comment pages ("{permalink}comment-page-N/") are real pages now: an old
// address's comment page goes to the same comment page of the new address, which sends a number
// it no longer has to the comments.
internal sealed partial class LegacyRedirects(RequestDelegate next)
{
    // No context among the parameters: one would be made for every GET, static files included. The
    // lookup by path asks for none (PageReads); a context is asked for only by an old query
    // (?p=, ?cat=, …), a path that is an old address, or a 404.
    public async Task InvokeAsync(HttpContext context, Permalinks permalinks, SiteClock clock)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }
        var path = OldPermalinks.Normalize(request.Path.Value ?? "/");
        var services = context.RequestServices;
        // An old address may look like a current one (a renamed duplicate slug keeps its date), so
        // the old addresses are asked first: one indexed lookup.
        // While the database is away there is no old address to find, and cached pages are served.
        var target = await DatabaseOutage.OrNullWhileAwayAsync(async () =>
            (request.QueryString.HasValue ? await FromQueryAsync(context, Db(services), permalinks, clock) : null)
            ?? await FromPathAsync(path, services, permalinks, clock, orCurrent: false, context.RequestAborted)
            ?? await CommentPageOfOldAddressAsync(path, services, permalinks, clock, context.RequestAborted));
        if (target is not null && Uri.UnescapeDataString(target) != path)
        {
            RedirectTo(context, target);
            return;
        }
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status404NotFound && !context.Response.HasStarted
            && Tail().Match(path) is { Success: true } tail
            && await DatabaseOutage.OrNullWhileAwayAsync(() => FromPathAsync(path[..tail.Index] + "/", services, permalinks, clock, orCurrent: true, context.RequestAborted)) is { } moved)
        {
            RedirectTo(context, moved + "#comments");
        }
    }

    private static BroadsheetDb Db(IServiceProvider services) => services.GetRequiredService<BroadsheetDb>();

    private static void RedirectTo(HttpContext context, string target)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = context.Request.PathBase + target;
    }

    private static async Task<string?> FromQueryAsync(HttpContext context, BroadsheetDb db, Permalinks permalinks, SiteClock clock)
    {
        var query = context.Request.Query;
        var cancellationToken = context.RequestAborted;
        var atRoot = context.Request.Path.Value is null or "/";
        if (atRoot && (Number(query["p"]) ?? Number(query["page_id"])) is { } postId)
        {
            var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.WordPressId == postId, cancellationToken);
            return article is not null && article.IsPublished(clock.UtcNow) ? permalinks.For(article) : null;
        }
        if (atRoot && Number(query["cat"]) is { } categoryId)
        {
            var slug = await db.Categories.Where(c => c.WordPressId == categoryId).Select(c => c.Slug).FirstOrDefaultAsync(cancellationToken);
            return slug is null ? null : Permalinks.Category(slug);
        }
        if (atRoot && query["tag"].ToString() is { Length: > 0 } tagSlug)
        {
            var decoded = Slugs.From(tagSlug);
            return await db.Tags.AnyAsync(t => t.Slug == decoded, cancellationToken) ? Permalinks.Tag(decoded) : null;
        }
        if (atRoot && Number(query["author"]) is { } authorId)
        {
            var slug = await db.Authors.Where(a => a.WordPressId == authorId).Select(a => a.Slug).FirstOrDefaultAsync(cancellationToken);
            return slug is null ? null : Permalinks.Author(slug);
        }
        return Number(query["replytocom"]) is { } number ? await OldReplyAsync(context, number, db, permalinks, clock) : null;
    }

    // ?replytocom=N is also the article page's own reply link, by comment id. Only an old
    // WordPress number that now belongs to a comment with another id, and is not a comment of the
    // article asked for, is redirected: to the new id's reply form.
    private static async Task<string?> OldReplyAsync(HttpContext context, int number, BroadsheetDb db, Permalinks permalinks, SiteClock clock)
    {
        var cancellationToken = context.RequestAborted;
        var imported = await db.Comments.AsNoTracking().Include(c => c.Article)
            .FirstOrDefaultAsync(c => c.WordPressId == number && c.Id != number, cancellationToken);
        if (imported is null || !imported.Article.IsPublished(clock.UtcNow))
        {
            return null;
        }
        var native = await db.Comments.AsNoTracking().Include(c => c.Article).FirstOrDefaultAsync(c => c.Id == number, cancellationToken);
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "/");
        if (native is not null && Uri.UnescapeDataString(permalinks.For(native.Article)) == path)
        {
            return null;
        }
        return permalinks.For(imported.Article) + string.Create(CultureInfo.InvariantCulture, $"?replytocom={imported.Id}#respond");
    }

    private static async Task<string?> CommentPageOfOldAddressAsync(string path, IServiceProvider services, Permalinks permalinks, SiteClock clock,
        CancellationToken cancellationToken) =>
        CommentPageTail().Match(path) is { Success: true } tail
            && await FromPathAsync(path[..tail.Index] + "/", services, permalinks, clock, orCurrent: false, cancellationToken) is { } moved
            ? moved + tail.Value[1..] : null;

    private static async Task<string?> FromPathAsync(string path, IServiceProvider services, Permalinks permalinks, SiteClock clock,
        bool orCurrent, CancellationToken cancellationToken)
    {
        if (path == "/")
        {
            return null;
        }
        var legacy = await LegacyByPathAsync(services, path, cancellationToken);
        return legacy is not null
            ? await TargetAsync(legacy, Db(services), permalinks, clock, cancellationToken)
            : orCurrent ? await CurrentArticleAsync(path, Db(services), permalinks, clock, cancellationToken) : null;
    }

    // The tail of an article whose address did not change ("{permalink}feed/" arrives here as
    // "{permalink}").
    private static async Task<string?> CurrentArticleAsync(string path, BroadsheetDb db, Permalinks permalinks, SiteClock clock, CancellationToken cancellationToken)
    {
        if (!ArticleAddress().IsMatch(path))
        {
            return null;
        }
        var slug = path.TrimEnd('/').Split('/')[^1];
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug, cancellationToken);
        return article is not null && article.IsPublished(clock.UtcNow) && Uri.UnescapeDataString(permalinks.For(article)) == path
            ? permalinks.For(article) : null;
    }

    private static async Task<string?> TargetAsync(LegacyUrl legacy, BroadsheetDb db, Permalinks permalinks, SiteClock clock, CancellationToken cancellationToken)
    {
        switch (legacy.Target)
        {
            case LegacyTarget.Article:
                var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == legacy.TargetId, cancellationToken);
                return article is not null && article.IsPublished(clock.UtcNow) ? permalinks.For(article) : null;
            case LegacyTarget.Category:
                return await db.Categories.Where(c => c.Id == legacy.TargetId).Select(c => c.Slug).FirstOrDefaultAsync(cancellationToken) is { } category
                    ? Permalinks.Category(category) : null;
            case LegacyTarget.Tag:
                return await db.Tags.Where(t => t.Id == legacy.TargetId).Select(t => t.Slug).FirstOrDefaultAsync(cancellationToken) is { } tag
                    ? Permalinks.Tag(tag) : null;
            default:
                return await db.Authors.Where(a => a.Id == legacy.TargetId).Select(a => a.Slug).FirstOrDefaultAsync(cancellationToken) is { } author
                    ? Permalinks.Author(author) : null;
        }
    }

    // Asked on every GET of a page, so a fixed statement (PageReads): EF's query pipeline costs more than the lookup.
    private static async Task<LegacyUrl?> LegacyByPathAsync(IServiceProvider services, string path, CancellationToken cancellationToken) =>
        (await PageReads.ListAsync(services, LegacyByPathSql, [path], static reader => new LegacyUrl
        {
            Id = reader.GetInt32(0), Path = reader.GetString(1), Target = Enum.Parse<LegacyTarget>(reader.GetString(2)), TargetId = reader.GetInt32(3),
        }, cancellationToken)).FirstOrDefault();

    private const string LegacyByPathSql = """
        SELECT "Id", "Path", "Target", "TargetId" FROM "LegacyUrls" WHERE "Path" = @p0 LIMIT 1
        """;

    private static int? Number(Microsoft.Extensions.Primitives.StringValues value) =>
        int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    [GeneratedRegex(@"/(?:feed|amp)/$")]
    private static partial Regex Tail();

    [GeneratedRegex(@"/comment-page-\d+/$")]
    private static partial Regex CommentPageTail();

    [GeneratedRegex(@"^/\d{4}/\d{2}/\d{2}/[^/]+/$")]
    private static partial Regex ArticleAddress();
}
