namespace Broadsheet.Comments;

// Turns an article's comments (oldest first) into the nested thread readers see. A reply whose
// parent is not shown (held, spam, deleted) is shown at the top level rather than lost; replies
// deeper than the thread depth are shown at the deepest level.
public sealed record CommentNode(Comment Comment, int Depth, IReadOnlyList<CommentNode> Replies);

public static class CommentThread
{
    public static IReadOnlyList<CommentNode> Build(IReadOnlyList<Comment> comments, int maxDepth)
    {
        var shown = comments.Select(c => c.Id).ToHashSet();
        var childrenOf = comments
            .Where(c => c.ParentId is { } p && shown.Contains(p))
            .ToLookup(c => c.ParentId!.Value);
        var thread = new List<CommentNode>();
        foreach (var root in comments.Where(c => c.ParentId is not { } p || !shown.Contains(p)))
        {
            AddAt(root, 1, thread);
        }
        return thread;

        void AddAt(Comment comment, int depth, List<CommentNode> list)
        {
            if (depth < maxDepth)
            {
                var replies = new List<CommentNode>();
                foreach (var reply in childrenOf[comment.Id])
                {
                    AddAt(reply, depth + 1, replies);
                }
                list.Add(new CommentNode(comment, depth, replies));
                return;
            }
            // At the deepest level, replies follow their parent in the same list instead of nesting.
            list.Add(new CommentNode(comment, maxDepth, []));
            foreach (var reply in childrenOf[comment.Id])
            {
                AddAt(reply, maxDepth, list);
            }
        }
    }
}
