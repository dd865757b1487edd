using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Broadsheet.Articles;
using Broadsheet.Comments;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Import;

// Imports comments from a Disqus XML export. Disqus threads are matched to articles by their link
// (current permalink or an old address) or by the WordPress plugin's identifier ("123 http://…/?p=123").
// Threads stay threads: replies are linked to their parents once every post is in, since a reply may
// come first. Re-runs match on Disqus's post id. One transaction, streamed like the WXR import.
public sealed class DisqusImporter(BroadsheetDb db, Permalinks permalinks, SiteClock clock)
{
    private static readonly XNamespace Internals = "http://disqus.com/disqus-internals";

    public async Task<DisqusReport> ImportAsync(Stream file, CancellationToken cancellationToken = default)
    {
        var report = new DisqusReport();
        var threads = new Dictionary<string, int>(StringComparer.Ordinal);
        var parents = new List<(string Child, string Parent)>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var settings = new XmlReaderSettings { Async = true, DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true };
        using var reader = XmlReader.Create(file, settings);
        var lines = (IXmlLineInfo)reader;
        try
        {
            await reader.MoveToContentAsync();
            await reader.ReadAsync();
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    await reader.ReadAsync();
                    continue;
                }
                var line = lines.LineNumber;
                var element = (XElement)await XNode.ReadFromAsync(reader, cancellationToken);
                if (element.Name.LocalName == "thread" && await ArticleOfAsync(element, cancellationToken) is { } articleId)
                {
                    threads[Id(element)] = articleId;
                }
                else if (element.Name.LocalName == "thread")
                {
                    report.Unmatched.Add($"line {line}: thread {Value(element, "link")}");
                }
                else if (element.Name.LocalName == "post")
                {
                    await AddPostAsync(element, line, threads, parents, report, cancellationToken);
                }
            }
        }
        catch (XmlException malformed)
        {
            throw new WxrException(malformed.LineNumber, $"the file is not well-formed XML: {malformed.Message}");
        }
        await LinkRepliesAsync(parents, cancellationToken);
        // Linking replies (a bulk UPDATE) decides which comments are roots of their threads.
        await ThreadCounts.RecountAsync(db, threads.Values, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return report;
    }

    private async Task AddPostAsync(XElement post, int line, Dictionary<string, int> threads, List<(string, string)> parents,
        DisqusReport report, CancellationToken cancellationToken)
    {
        var id = Id(post);
        var threadId = (string?)post.Elements().FirstOrDefault(e => e.Name.LocalName == "thread")?.Attribute(Internals + "id");
        if (id.Length == 0 || threadId is null || !threads.TryGetValue(threadId, out var articleId))
        {
            report.Unmatched.Add($"line {line}: post {id} (its thread has no article here)");
            return;
        }
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.DisqusId == id, cancellationToken);
        if (comment is null)
        {
            comment = new Comment { AuthorName = "", AuthorEmail = "", Content = "", DisqusId = id };
            db.Comments.Add(comment);
            report.Added++;
        }
        else
        {
            report.Updated++;
        }
        var author = post.Elements().FirstOrDefault(e => e.Name.LocalName == "author");
        var (html, text) = CommentHtml.FromWordPress(Value(post, "message"));
        comment.ArticleId = articleId;
        comment.AuthorName = author is null ? "" : Value(author, "name");
        comment.AuthorEmail = (author is null ? "" : Value(author, "email")).ToLowerInvariant();
        comment.ContentHtml = html;
        comment.Content = text;
        comment.IpAddress = Value(post, "ipAddress") is { Length: > 0 } ip ? ip : null;
        comment.CreatedAt = DateTime.TryParse(Value(post, "createdAt"), CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? at : clock.UtcNow;
        comment.Status = Value(post, "isSpam") == "true" ? CommentStatus.Spam
            : Value(post, "isDeleted") == "true" ? CommentStatus.Trash
            : Value(post, "isApproved") == "false" ? CommentStatus.Pending
            : CommentStatus.Approved;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        if ((string?)post.Elements().FirstOrDefault(e => e.Name.LocalName == "parent")?.Attribute(Internals + "id") is { Length: > 0 } parent)
        {
            parents.Add((id, parent));
        }
    }

    private async Task LinkRepliesAsync(List<(string Child, string Parent)> parents, CancellationToken cancellationToken)
    {
        foreach (var chunk in parents.Chunk(500))
        {
            var names = chunk.SelectMany(p => new[] { p.Child, p.Parent }).Distinct().ToList();
            var ids = await db.Comments.Where(c => c.DisqusId != null && names.Contains(c.DisqusId))
                .ToDictionaryAsync(c => c.DisqusId!, c => c.Id, cancellationToken);
            foreach (var (child, parent) in chunk)
            {
                if (ids.TryGetValue(child, out var childId) && ids.TryGetValue(parent, out var parentId))
                {
                    await db.Comments.Where(c => c.Id == childId && c.ParentId != parentId)
                        .ExecuteUpdateAsync(c => c.SetProperty(x => x.ParentId, parentId), cancellationToken);
                }
            }
        }
    }

    // The article a Disqus thread belongs to: by the WordPress plugin's identifier, then by link.
    private async Task<int?> ArticleOfAsync(XElement thread, CancellationToken cancellationToken)
    {
        if (Value(thread, "id").Split(' ')[0] is var identifier
            && int.TryParse(identifier, NumberStyles.None, CultureInfo.InvariantCulture, out var postId)
            && await db.Articles.Where(a => a.WordPressId == postId).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken) is { } byId)
        {
            return byId;
        }
        if (!Uri.TryCreate(Value(thread, "link"), UriKind.Absolute, out var link))
        {
            return null;
        }
        var path = OldPermalinks.Normalize(link.AbsolutePath);
        var legacy = await db.LegacyUrls.Where(l => l.Path == path && l.Target == Redirects.LegacyTarget.Article)
            .Select(l => (int?)l.TargetId).FirstOrDefaultAsync(cancellationToken);
        if (legacy is not null)
        {
            return legacy;
        }
        var slug = path.TrimEnd('/').Split('/')[^1];
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug, cancellationToken);
        return article is not null && Uri.UnescapeDataString(permalinks.For(article)) == path ? article.Id : null;
    }

    private static string Id(XElement element) => (string?)element.Attribute(Internals + "id") ?? "";

    private static string Value(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim() ?? "";
}

public sealed class DisqusReport
{
    public int Added { get; set; }
    public int Updated { get; set; }
    public List<string> Unmatched { get; } = [];
}
