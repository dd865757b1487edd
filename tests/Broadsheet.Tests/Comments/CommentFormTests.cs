using Broadsheet.Comments;

namespace Broadsheet.Tests.Comments;

public class CommentFormTests
{
    private static CommentForm Valid() => new()
    {
        Comment = "A fair point about the ferry.",
        Author = "Ada",
        Email = "ada@example.org",
        Url = "",
    };

    [Fact]
    public void A_complete_form_has_no_errors() => Assert.Empty(Valid().Validate());

    [Fact]
    public void Empty_fields_get_the_original_sites_messages()
    {
        var errors = new CommentForm { Comment = "  ", Author = "", Email = null }.Validate();

        Assert.Equal("Please enter your comment!", errors["comment"]);
        Assert.Equal("Please enter your name here", errors["author"]);
        Assert.Equal("Please enter your email address here", errors["email"]);
        Assert.False(errors.ContainsKey("url"));
    }

    [Theory]
    [InlineData("plainaddress")]
    [InlineData("two@@example.org")]
    [InlineData("no-domain@")]
    [InlineData("no-dot@localhost")]
    [InlineData("spaces in@example.org")]
    [InlineData("<script>@example.org")]
    public void A_malformed_email_is_refused(string email)
    {
        var form = Valid();
        form.Email = email;
        Assert.Equal("You have entered an incorrect email address!", form.Validate()["email"]);
    }

    [Fact]
    public void Email_is_compared_in_lower_case() =>
        Assert.Equal("ada@example.org", new CommentForm { Email = "  Ada@Example.ORG " }.NormalizedEmail);

    [Fact]
    public void Lengths_are_counted_in_characters_not_utf16_units()
    {
        var form = Valid();
        // 245 emoji are 490 UTF-16 units but 245 characters: exactly at the limit.
        form.Author = string.Concat(Enumerable.Repeat("😀", CommentLimits.NameLength));
        Assert.Empty(form.Validate());

        form.Author += "x";
        Assert.Equal("Your name is too long.", form.Validate()["author"]);
    }

    [Fact]
    public void Over_long_fields_are_refused_not_truncated()
    {
        var form = Valid();
        form.Comment = new string('a', CommentLimits.ContentLength + 1);
        form.Email = new string('a', 95) + "@example.org";
        form.Url = "https://example.org/" + new string('a', 200);

        var errors = form.Validate();

        Assert.Equal("Your comment is too long.", errors["comment"]);
        Assert.Equal("Your email address is too long.", errors["email"]);
        Assert.Equal("Your website address is too long.", errors["url"]);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.org/")]
    [InlineData("example.org")]
    [InlineData("data:text/html,hi")]
    public void A_website_that_is_not_http_is_refused(string url)
    {
        var form = Valid();
        form.Url = url;
        Assert.Equal(CommentMessages.UrlInvalid, form.Validate()["url"]);
    }

    [Theory]
    [InlineData("hello\0world")]
    [InlineData("bell\u0007")]
    [InlineData("replacement \uFFFD from invalid UTF-8")]
    [InlineData("lone \uD800 surrogate")]
    public void Control_characters_and_undecodable_text_are_refused(string text)
    {
        var form = Valid();
        form.Comment = text;
        Assert.Equal(CommentMessages.UnreadableText, form.Validate()["comment"]);
    }

    [Fact]
    public void Line_breaks_and_tabs_are_fine_in_a_comment_but_not_in_a_name()
    {
        var form = Valid();
        form.Comment = "First line\r\n\tSecond line";
        Assert.Empty(form.Validate());

        form.Author = "Ada\nLovelace";
        Assert.Equal(CommentMessages.UnreadableText, form.Validate()["author"]);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("0", null)]
    [InlineData("42", 42)]
    public void Parent_zero_or_empty_means_top_level(string? parent, int? expected) =>
        Assert.Equal(expected, new CommentForm { Parent = parent }.ParentId);

    [Theory]
    [InlineData("-3")]
    [InlineData("abc")]
    [InlineData("1 OR 1=1")]
    public void A_parent_that_is_not_a_comment_number_is_refused(string parent)
    {
        var form = Valid();
        form.Parent = parent;
        Assert.Equal(CommentMessages.ParentNotFound, form.Validate()["parent"]);
    }
}
