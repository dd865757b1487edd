using Broadsheet.Comments;
using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Comments;

// The articles' stored thread counts against a fresh count of their comments, in LINQ.
public static class StoredCounts
{
    public sealed record Row(int Id, int Approved, int Roots, int StoredApproved, int StoredRoots);

    public static Task<List<Row>> ReadAsync(BroadsheetDb db) =>
        db.Articles.AsNoTracking().OrderBy(a => a.Id).Select(a => new Row(a.Id,
            a.Comments.Count(c => c.Status == CommentStatus.Approved),
            a.Comments.Count(c => c.Status == CommentStatus.Approved && (c.ParentId == null || c.Parent!.Status != CommentStatus.Approved)),
            a.ApprovedCommentCount, a.ThreadRootCount)).ToListAsync(TestContext.Current.CancellationToken);

    // Every article's stored counts equal its fresh counts; returns them for further checks.
    public static async Task<List<Row>> AssertMatchAsync(BroadsheetDb db)
    {
        var rows = await ReadAsync(db);
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal((row.Id, row.Approved, row.Roots), (row.Id, row.StoredApproved, row.StoredRoots)));
        return rows;
    }

    public static Task<List<Row>> AssertMatchAsync(BroadsheetApp app) => app.WithDbAsync(AssertMatchAsync);

    public static async Task<Row> OfAsync(BroadsheetApp app, int articleId) =>
        (await AssertMatchAsync(app)).Single(r => r.Id == articleId);
}
