namespace Broadsheet.Comments;

// Stored as text. Only Approved comments are ever shown to readers other than their author.
public enum CommentStatus
{
    Pending,
    Approved,
    Spam,
    Trash,
}
