using Broadsheet.Comments;

namespace Broadsheet.Tests.Comments;

public class CommentThreadTests
{
    private static Comment C(int id, int? parent = null) => new()
    {
        Id = id,
        ParentId = parent,
        AuthorName = $"Reader {id}",
        AuthorEmail = "r@example.org",
        Content = "…",
        Status = CommentStatus.Approved,
    };

    [Fact]
    public void Replies_nest_under_their_parent_in_order()
    {
        var thread = CommentThread.Build([C(1), C(2, parent: 1), C(3), C(4, parent: 2), C(5, parent: 1)], maxDepth: 5);

        Assert.Equal([1, 3], thread.Select(n => n.Comment.Id));
        Assert.Equal([2, 5], thread[0].Replies.Select(n => n.Comment.Id));
        Assert.Equal(4, thread[0].Replies[0].Replies.Single().Comment.Id);
        Assert.Equal(3, thread[0].Replies[0].Replies.Single().Depth);
    }

    [Fact]
    public void A_reply_whose_parent_is_not_shown_stays_visible_at_the_top()
    {
        var thread = CommentThread.Build([C(1), C(7, parent: 99)], maxDepth: 5);

        Assert.Equal([1, 7], thread.Select(n => n.Comment.Id));
    }

    [Fact]
    public void Replies_deeper_than_the_limit_follow_their_parent_at_the_deepest_level()
    {
        var thread = CommentThread.Build([C(1), C(2, 1), C(3, 2), C(4, 3)], maxDepth: 2);

        var level2 = thread.Single().Replies;
        Assert.Equal([2, 3, 4], level2.Select(n => n.Comment.Id));
        Assert.All(level2, n => Assert.Equal(2, n.Depth));
        Assert.All(level2, n => Assert.Empty(n.Replies));
    }
}
