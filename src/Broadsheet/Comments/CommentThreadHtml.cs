using System.Globalization;
using System.Text.Encodings.Web;
using Broadsheet.Shared;
using Microsoft.AspNetCore.Html;

namespace Broadsheet.Comments;

// The article page's comment thread, written straight into the page's output. This was a Razor
// partial: each comment took some thirty buffered writes (every literal, value and attribute part
// a separate entry in Razor's view buffer, ints and attribute pieces boxed), and the thread was
// most of what the page allocated. As one IHtmlContent it is a single entry in the view buffer,
// written when the page is sent, with the page's own HtmlEncoder: every name, address and date is
// encoded exactly as Razor encoded it, and the markup is the partial's, whitespace included.
// RenderedHtml is written as it is: our sanitiser made it at write time (CommentRendering).
public sealed class CommentThreadHtml(IReadOnlyList<CommentNode> thread, bool canReply, int threadDepth, SiteClock clock) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        if (thread.Count == 0)
        {
            return;
        }
        // The partial sat four spaces in, under the comments heading.
        writer.Write("    ");
        WriteList(writer, encoder, thread, "comment-list");
        writer.Write('\n');
    }

    private void WriteList(TextWriter writer, HtmlEncoder encoder, IReadOnlyList<CommentNode> nodes, string cssClass)
    {
        writer.Write("        <ol class=\"");
        writer.Write(cssClass);
        writer.Write("\">\n");
        foreach (var node in nodes)
        {
            WriteComment(writer, encoder, node);
        }
        writer.Write("        </ol>\n");
    }

    private void WriteComment(TextWriter writer, HtmlEncoder encoder, CommentNode node)
    {
        var comment = node.Comment;
        Span<char> id = stackalloc char[11];
        comment.Id.TryFormat(id, out var idLength, default, CultureInfo.InvariantCulture);
        id = id[..idLength];

        writer.Write("        <li id=\"comment-");
        writer.Write(id);
        writer.Write("\" class=\"comment depth-");
        Span<char> depth = stackalloc char[11];
        node.Depth.TryFormat(depth, out var depthLength, default, CultureInfo.InvariantCulture);
        writer.Write(depth[..depthLength]);
        if (!comment.IsApproved)
        {
            writer.Write(" pending");
        }
        if (comment.IsStaffReply)
        {
            writer.Write(" staff");
        }
        writer.Write("\">\n          <article class=\"comment-body\" aria-label=\"Comment by ");
        encoder.Encode(writer, comment.AuthorName);
        writer.Write("\">\n            <header class=\"comment-meta\">\n              <span class=\"comment-author\">\n");
        if (comment.AuthorUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var web) && (web.Scheme == "http" || web.Scheme == "https"))
        {
            writer.Write("                  <a href=\"");
            encoder.Encode(writer, web.AbsoluteUri);
            writer.Write("\" rel=\"external nofollow ugc\">");
            encoder.Encode(writer, comment.AuthorName);
            writer.Write("</a>\n");
        }
        else
        {
            encoder.Encode(writer, comment.AuthorName);
        }
        writer.Write("              </span>\n");
        if (comment.IsStaffReply)
        {
            writer.Write("                <span class=\"staff-badge\">Staff</span>\n");
        }
        writer.Write("              <a class=\"comment-time\" href=\"#comment-");
        writer.Write(id);
        writer.Write("\"><time datetime=\"");
        var written = clock.ToLocalOffset(comment.CreatedAt);
        Span<char> date = stackalloc char[TimeText.MaxLength];
        WriteEncoded(writer, encoder, date[..TimeText.W3cMinutes(written, date)]);
        writer.Write("\">");
        // Digits, letters, spaces and a colon: nothing the encoder would change.
        writer.Write(date[..TimeText.Readable(written, date)]);
        writer.Write("</time></a>\n            </header>\n");
        if (!comment.IsApproved)
        {
            writer.Write("              <p class=\"moderation-notice\" role=\"status\">");
            encoder.Encode(writer, CommentMessages.AwaitingModeration);
            writer.Write("</p>\n");
        }
        writer.Write("            <div class=\"comment-content\">");
        writer.Write(comment.RenderedHtml ?? CommentRendering.ToHtml(comment.Content, comment.ContentHtml));
        writer.Write("</div>\n");
        if (canReply && comment.IsApproved && node.Depth < threadDepth)
        {
            writer.Write("              <a class=\"comment-reply-link\" href=\"?replytocom=");
            writer.Write(id);
            writer.Write("#respond\" data-comment-id=\"");
            writer.Write(id);
            writer.Write("\"\n                 data-author=\"");
            encoder.Encode(writer, comment.AuthorName);
            writer.Write("\" aria-label=\"Reply to ");
            encoder.Encode(writer, comment.AuthorName);
            writer.Write("\">Reply</a>\n");
        }
        writer.Write("          </article>\n");
        if (node.Replies.Count > 0)
        {
            WriteList(writer, encoder, node.Replies, "children");
        }
        writer.Write("        </li>\n");
    }

    // Dates carry a "+" that the HTML encoder writes as an entity, as Razor did.
    private static void WriteEncoded(TextWriter writer, HtmlEncoder encoder, ReadOnlySpan<char> text)
    {
        Span<char> encoded = stackalloc char[256];
        while (true)
        {
            var status = encoder.Encode(text, encoded, out var read, out var length);
            writer.Write(encoded[..length]);
            if (status == System.Buffers.OperationStatus.Done)
            {
                return;
            }
            text = text[read..];
        }
    }
}
