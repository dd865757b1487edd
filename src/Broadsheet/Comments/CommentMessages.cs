namespace Broadsheet.Comments;

// Every message a commenter can see. The page's script receives the client-side ones from the
// server (data attributes on the form), so browser and server always say the same words.
public static class CommentMessages
{
    public const string CommentRequired = "Please enter your comment!";
    public const string NameRequired = "Please enter your name here";
    public const string EmailRequired = "Please enter your email address here";
    public const string EmailInvalid = "You have entered an incorrect email address!";
    public const string CommentTooLong = "Your comment is too long.";
    public const string NameTooLong = "Your name is too long.";
    public const string EmailTooLong = "Your email address is too long.";
    public const string UrlTooLong = "Your website address is too long.";
    public const string UrlInvalid = "Please enter a website address that starts with http:// or https://";
    public const string UnreadableText = "This field contains characters that cannot be accepted (control characters or text that is not valid UTF-8).";
    public const string Duplicate = "Duplicate comment detected; it looks as though you’ve already said that!";
    public const string Flood = "You are posting comments too quickly. Slow down.";
    public const string CommentsClosed = "Sorry, comments are closed for this item.";
    public const string CommentsNotAllowed = "Sorry, comments are not allowed on this item.";
    public const string ParentNotFound = "The comment you are replying to does not exist or is not open for replies.";
    public const string SendAgain = "Your comment has not been posted yet: please check it and press Post Comment again.";
    public const string TryAgain = "Your comment could not be saved just now. Nothing was stored: please try again in a moment.";
    public const string FormUnreadable = "Your comment could not be read: the form was cut short or is too large. Nothing was stored.";
    public const string AwaitingModeration = "Your comment is awaiting moderation.";
}
