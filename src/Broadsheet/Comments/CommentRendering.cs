using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Broadsheet.Comments;

// A comment's HTML is made when the comment is written, not each time a page shows it: running
// the sanitiser over every comment of a thread on every request was most of the article page's
// cost. Every write of a comment goes through SaveChanges (a moderator's edit, staff replies,
// imports, backup restores), and BroadsheetDb calls Refresh there, or, for readers' posts, through
// CommentInsert, with the HTML CommentIntake made; so Comment.RenderedHtml always matches what the
// comment says now.
public static class CommentRendering
{
    // Imported comments keep their WordPress HTML (ContentHtml), sanitised again with that
    // allow-list; our own comments are plain text made into paragraphs and links by CommentText.
    public static string ToHtml(string content, string? importedHtml) =>
        importedHtml is { } imported ? Import.CommentHtml.Sanitize(imported) : CommentText.ToHtml(content);

    public static void Refresh(ChangeTracker changes)
    {
        foreach (var entry in changes.Entries<Comment>())
        {
            var isStale = entry.State == EntityState.Added
                || (entry.State == EntityState.Modified
                    && (entry.Property(c => c.Content).IsModified || entry.Property(c => c.ContentHtml).IsModified
                        || entry.Entity.RenderedHtml is null));
            if (isStale)
            {
                entry.Entity.RenderedHtml = ToHtml(entry.Entity.Content, entry.Entity.ContentHtml);
            }
        }
    }

    // Comments stored before RenderedHtml existed get it once, at start, in batches.
    public static async Task FillMissingAsync(BroadsheetDb db, CancellationToken cancellationToken)
    {
        const int Batch = 1000;
        var lastId = 0;
        while (true)
        {
            var comments = await db.Comments.Where(c => c.RenderedHtml == null && c.Id > lastId)
                .OrderBy(c => c.Id).Take(Batch).ToListAsync(cancellationToken);
            if (comments.Count == 0)
            {
                return;
            }
            foreach (var comment in comments)
            {
                comment.RenderedHtml = ToHtml(comment.Content, comment.ContentHtml);
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            lastId = comments[^1].Id;
        }
    }
}
