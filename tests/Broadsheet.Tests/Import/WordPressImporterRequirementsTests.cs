using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Broadsheet.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Import;

// WordPress's own importer (the wordpress-importer plugin) cannot run here, so our export is held
// to what its parsers and its import step read, one rule at a time: a file that breaks none of
// them loses nothing there. The rules, from the plugin's source:
// - the SimpleXML parser refuses a DOCTYPE, and a channel without wp:wxr_version matching \d+.\d+;
//   its XML parser matches the literal prefixes wp:, content:, excerpt:, dc:; the regex parser
//   finds <item> and <wp:...> tags by their text;
// - authors are keyed by wp:author_login, and an item's dc:creator names one;
// - a category's parent is looked up by nicename among the categories made so far (parents first);
// - an item's <category> counts only with a nicename attribute, and its domain says the taxonomy;
// - an item's post_parent is remapped (orphans are backfilled, so order does not matter);
// - comments are inserted in order of wp:comment_id and a comment_parent is remapped only if that
//   comment was inserted already: a reply must be numbered after its parent;
// - text is CDATA, and a "]]>" inside is split as WordPress writes it: "]]]]><![CDATA[>".
public sealed class WordPressImporterRequirementsTests : IAsyncLifetime
{
    private static readonly XNamespace Wp = "http://wordpress.org/export/1.2/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private readonly BroadsheetApp _app = new(); // demo newsroom: sections, articles and threads made here, without WordPress numbers
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"broadsheet-wxr-{Guid.NewGuid():N}.xml");
    private XElement _channel = null!;
    private string _text = "";

    public async ValueTask InitializeAsync()
    {
        _app.CreateClient().Dispose();
        await _app.ImportWordPressAsync(Importing.Fixture("site.xml"));
        await _app.ImportWordPressAsync(Importing.Fixture("hierarchy.xml"));
        // Bodies and comments are written as HTML ("]]&gt;"); a name is written as it is.
        await _app.WithDbAsync(async db =>
        {
            (await db.Authors.SingleAsync(a => a.WordPressLogin == "ana", TestContext.Current.CancellationToken)).Name = "Ana ]]> Hill";
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        await using (var output = File.Create(_file))
        {
            await using var scope = _app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WordPressExporter>()
                .ExportAsync(output, "https://paper.example", TestContext.Current.CancellationToken);
        }
        _text = await File.ReadAllTextAsync(_file, TestContext.Current.CancellationToken);
        var document = XDocument.Parse(_text, LoadOptions.None);
        Assert.Null(document.DocumentType);
        _channel = document.Root!.Element("channel")!;
    }

    public ValueTask DisposeAsync()
    {
        _app.Dispose();
        File.Delete(_file);
        return ValueTask.CompletedTask;
    }

    private static string Wpv(XElement parent, string name) => parent.Element(Wp + name)?.Value
        ?? throw new InvalidOperationException($"<wp:{name}> missing in {parent.Name.LocalName}");

    private IEnumerable<XElement> Items => _channel.Elements("item");

    [Fact]
    public void The_root_declares_the_prefixes_and_version_every_WordPress_parser_reads()
    {
        var root = _channel.Parent!;
        Assert.Equal("rss", root.Name.LocalName);
        Assert.Equal("2.0", (string?)root.Attribute("version"));
        Assert.Equal("http://wordpress.org/export/1.2/", (string?)root.Attribute(XNamespace.Xmlns + "wp"));
        Assert.Equal("http://wordpress.org/export/1.2/excerpt/", (string?)root.Attribute(XNamespace.Xmlns + "excerpt"));
        Assert.Equal("http://purl.org/rss/1.0/modules/content/", (string?)root.Attribute(XNamespace.Xmlns + "content"));
        Assert.Equal("http://purl.org/dc/elements/1.1/", (string?)root.Attribute(XNamespace.Xmlns + "dc"));
        Assert.Matches(@"^\d+\.\d+$", Wpv(_channel, "wxr_version"));
        Assert.Equal("https://paper.example", Wpv(_channel, "base_site_url"));
        Assert.DoesNotContain("<!DOCTYPE", _text, StringComparison.Ordinal);
        // Namespaces are declared once, on the root: the XML and regex parsers read names as written.
        Assert.Single(Regex.Matches(_text, "xmlns:wp="));
        Assert.All(Items, item => Assert.Contains(item.Elements(), e => e.Name == Wp + "post_id"));
        Assert.Matches(@"\n\s*<item>\r?\n", _text);
    }

    [Fact]
    public void Every_item_is_by_an_author_the_file_lists_by_login()
    {
        var logins = _channel.Elements(Wp + "author").Select(a => Wpv(a, "author_login")).ToList();

        Assert.All(_channel.Elements(Wp + "author"), a => Assert.NotNull(a.Element(Wp + "author_display_name")));
        Assert.Equal(logins.Count, logins.Distinct(StringComparer.Ordinal).Count());
        Assert.All(Items.Where(i => Wpv(i, "post_type") != "attachment"), item => Assert.Contains(item.Element(Dc + "creator")!.Value, logins));
    }

    [Fact]
    public void Every_category_comes_after_its_parent_and_every_term_has_its_nicename()
    {
        var seen = new List<string>();
        foreach (var category in _channel.Elements(Wp + "category"))
        {
            var parent = Wpv(category, "category_parent");
            Assert.True(parent.Length == 0 || seen.Contains(parent), $"category {Wpv(category, "category_nicename")} comes before its parent {parent}");
            Assert.NotEmpty(Wpv(category, "cat_name"));
            seen.Add(Wpv(category, "category_nicename"));
        }
        Assert.Contains("news", seen); // site.xml lists "local" (under "news") before "news"
        var tags = _channel.Elements(Wp + "tag").Select(t => Wpv(t, "tag_slug")).ToList();
        Assert.All(_channel.Elements(Wp + "tag"), t => Assert.NotEmpty(Wpv(t, "tag_name")));
        foreach (var term in Items.SelectMany(i => i.Elements("category")))
        {
            var nicename = (string?)term.Attribute("nicename");
            Assert.False(string.IsNullOrEmpty(nicename));
            Assert.Contains((string?)term.Attribute("domain"), new[] { "category", "post_tag" });
            Assert.Contains(nicename, (string?)term.Attribute("domain") == "category" ? seen : tags);
        }
    }

    [Fact]
    public void Every_item_has_the_fields_the_import_step_reads_and_a_parent_in_the_file()
    {
        var ids = Items.Select(i => int.Parse(Wpv(i, "post_id"), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var item in Items)
        {
            var type = Wpv(item, "post_type");
            Assert.Contains(type, new[] { "post", "page", "attachment" });
            Assert.Contains(Wpv(item, "status"), new[] { "publish", "draft", "pending", "future", "private", "inherit" });
            Assert.True(DateTime.TryParseExact(Wpv(item, "post_date_gmt"), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
            Assert.True(DateTime.TryParseExact(Wpv(item, "post_date"), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
            var parent = int.Parse(Wpv(item, "post_parent"), CultureInfo.InvariantCulture);
            Assert.True(parent == 0 || ids.Contains(parent), $"post {Wpv(item, "post_id")} names parent {parent}, not in the file");
            Assert.True(type != "attachment" || item.Element(Wp + "attachment_url")?.Value.Length > 0);
            Assert.True(type == "attachment" || item.Element(Wp + "menu_order") is not null);
        }
        var history = Items.Single(i => Wpv(i, "post_id") == "603");
        Assert.Equal("602", Wpv(history, "post_parent"));
        // site.xml has an "about" page too: the second one is "about-2" here, and so in its address.
        Assert.Equal("https://paper.example/company/about-2/history/", history.Element("link")!.Value);
        var election = Items.Single(i => Wpv(i, "post_id") == "501");
        Assert.Equal(["sport", "politics", "world"],
            election.Elements("category").Where(c => (string?)c.Attribute("domain") == "category").Select(c => (string?)c.Attribute("nicename")));
        Assert.Contains(election.Elements(Wp + "postmeta"),
            m => Wpv(m, "meta_key") == "_broadsheet_primary_category" && Wpv(m, "meta_value") == "sport");
    }

    // Our numbers keep a reply after its parent; only numbers WordPress itself gave (a reply
    // numbered before its parent in the source, as site.xml has once) could break the rule.
    [Fact]
    public void Every_reply_is_numbered_after_its_parent_unless_WordPress_numbered_both()
    {
        var source = XDocument.Load(Importing.Fixture("site.xml")).Descendants(Wp + "comment_id").Select(c => c.Value).ToHashSet();
        var native = 0;
        foreach (var item in Items)
        {
            var comments = item.Elements(Wp + "comment").ToList();
            var numbers = comments.Select(c => long.Parse(Wpv(c, "comment_id"), CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(numbers.Count, numbers.Distinct().Count());
            foreach (var comment in comments)
            {
                var (number, parent) = (Wpv(comment, "comment_id"), Wpv(comment, "comment_parent"));
                Assert.Contains(Wpv(comment, "comment_approved"), new[] { "1", "0", "spam", "trash" });
                Assert.True(DateTime.TryParseExact(Wpv(comment, "comment_date_gmt"), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
                Assert.NotNull(comment.Element(Wp + "comment_author"));
                Assert.NotNull(comment.Element(Wp + "comment_content"));
                if (parent == "0")
                {
                    continue;
                }
                Assert.Contains(long.Parse(parent, CultureInfo.InvariantCulture), numbers);
                native += source.Contains(number) ? 0 : 1;
                Assert.True(long.Parse(number, CultureInfo.InvariantCulture) > long.Parse(parent, CultureInfo.InvariantCulture)
                    || (source.Contains(number) && source.Contains(parent)), $"reply {number} is numbered before its parent {parent}");
            }
        }
        Assert.True(native > 0, "the demo newsroom's own replies were checked too");
    }

    [Fact]
    public void Text_with_a_CDATA_end_inside_is_split_the_WordPress_way()
    {
        var ana = _channel.Elements(Wp + "author").Single(a => Wpv(a, "author_login") == "ana");

        Assert.Contains("<![CDATA[Ana ]]]]><![CDATA[> Hill]]>", _text, StringComparison.Ordinal);
        Assert.Equal("Ana ]]> Hill", Wpv(ana, "author_display_name"));
        // Every CDATA section ends where an element or the next section begins.
        Assert.DoesNotMatch(@"\]\]>[^<\s]", _text);
    }
}
