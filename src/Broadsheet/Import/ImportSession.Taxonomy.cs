using Broadsheet.Articles;
using Broadsheet.Authors;
using Broadsheet.Redirects;
using Broadsheet.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Import;

// Authors, categories and tags: matched on their WordPress ID, then on login or slug (so an
// existing "news" section absorbs WordPress's "news"), else created.
internal sealed partial class ImportSession
{
    private async Task AddAuthorAsync(WxrAuthor wxr, CancellationToken cancellationToken)
    {
        var author = await db.Authors.FirstOrDefaultAsync(a => a.WordPressLogin == wxr.Login, cancellationToken)
            ?? (wxr.Id is { } id ? await db.Authors.FirstOrDefaultAsync(a => a.WordPressId == id, cancellationToken) : null);
        var oldSlug = Slugs.From(wxr.Login);
        if (author is null)
        {
            var slug = await Slugs.UniqueAsync(oldSlug, s => db.Authors.AnyAsync(a => a.Slug == s, cancellationToken));
            author = new Author { Name = "", Slug = slug };
            db.Authors.Add(author);
        }
        author.Name = wxr.DisplayName.Length > 0 ? wxr.DisplayName : wxr.Login;
        author.Email = wxr.Email.Length > 0 ? wxr.Email.ToLowerInvariant() : null;
        author.WordPressLogin = wxr.Login;
        author.WordPressId = wxr.Id;
        await db.SaveChangesAsync(cancellationToken);
        _authorIds[wxr.Login] = author.Id;
        report.Authors++;
        if (author.Email is not null)
        {
            await InviteAsync(author, cancellationToken);
        }
        await AddLegacyUrlAsync($"/author/{oldSlug}/", LegacyTarget.Author, author.Id, cancellationToken, Permalinks.Author(author.Slug));
    }

    // WXR lists no roles (wp:author has login, email and names only): every imported author is
    // invited as an Author, and an administrator changes the role where it should be another.
    private async Task InviteAsync(Author author, CancellationToken cancellationToken)
    {
        var (created, error) = await staff.InviteAsync(author, Accounts.Roles.Author, cancellationToken);
        report.AccountsCreated += created ? 1 : 0;
        if (error is not null)
        {
            report.AccountsNotCreated.Add($"{author.WordPressLogin} <{author.Email}>: {error}");
        }
    }

    private async Task<int> AuthorIdAsync(string login, CancellationToken cancellationToken)
    {
        if (_authorIds.TryGetValue(login, out var id))
        {
            return id;
        }
        // An item by someone the export did not list (WXR 1.0 has no author list at all).
        await AddAuthorAsync(new WxrAuthor(0, null, login.Length > 0 ? login : "wordpress", "", ""), cancellationToken);
        return _authorIds[login.Length > 0 ? login : "wordpress"];
    }

    private async Task AddCategoryAsync(WxrCategory wxr, CancellationToken cancellationToken)
    {
        var ourSlug = Slugs.From(wxr.Slug);
        var category = (wxr.TermId is { } id ? await db.Categories.FirstOrDefaultAsync(c => c.WordPressId == id, cancellationToken) : null)
            ?? await db.Categories.FirstOrDefaultAsync(c => c.Slug == ourSlug && c.WordPressId == null, cancellationToken);
        if (category is null)
        {
            var slug = await Slugs.UniqueAsync(ourSlug, s => db.Categories.AnyAsync(c => c.Slug == s, cancellationToken));
            category = new Category { Name = "", Slug = slug };
            db.Categories.Add(category);
        }
        category.Name = wxr.Name.Length > 0 ? wxr.Name : wxr.Slug;
        category.Description = wxr.Description;
        category.WordPressId = wxr.TermId;
        await db.SaveChangesAsync(cancellationToken);
        _categoryIds[wxr.Slug] = category.Id;
        _categorySlugs[wxr.Slug] = category.Slug;
        _categoryParents[wxr.Slug] = wxr.ParentSlug;
        if (wxr.TermId is { } termId)
        {
            _categoryTermIds[wxr.Slug] = termId;
        }
        report.Categories++;
    }

    private async Task<int> CategoryIdAsync(string slug, string name, CancellationToken cancellationToken)
    {
        if (!_categoryIds.TryGetValue(slug, out var id))
        {
            await AddCategoryAsync(new WxrCategory(0, null, slug, null, name, ""), cancellationToken);
            id = _categoryIds[slug];
        }
        return id;
    }

    private async Task<Category> CategoryAsync(WxrTerm term, CancellationToken cancellationToken)
    {
        var id = await CategoryIdAsync(term.Slug, term.Name, cancellationToken);
        // Attached by id, as tags are: the tracker may have forgotten the entity since it was saved.
        return db.Categories.Local.FirstOrDefault(c => c.Id == id) ?? db.Categories.Attach(new Category { Id = id, Name = "", Slug = "" }).Entity;
    }

    // A post's categories, the primary first: the one WordPress used for the post's %category%
    // address. Our own export names it (by slug, which survives a move between sites); else Yoast
    // SEO's primary category, which its post_link_category filter puts in the address; else, as
    // WordPress core does, the lowest term id. When some category has no term id (WXR 1.0) the
    // order of the file decides.
    private List<WxrTerm> CategoriesOf(WxrItem item)
    {
        var categories = item.Terms.Where(t => t.Domain == "category").DistinctBy(t => t.Slug).ToList();
        var named = item.Meta.GetValueOrDefault(PrimaryCategoryMeta) is { } slug ? categories.FindIndex(c => c.Slug == slug) : -1;
        if (named < 0 && item.Meta.GetValueOrDefault(YoastPrimaryCategoryMeta) is { } yoast
            && int.TryParse(yoast, System.Globalization.CultureInfo.InvariantCulture, out var termId))
        {
            named = categories.FindIndex(c => _categoryTermIds.TryGetValue(c.Slug, out var id) && id == termId);
        }
        if (named >= 0)
        {
            return [categories[named], .. categories.Where((_, index) => index != named)];
        }
        return categories.All(c => _categoryTermIds.ContainsKey(c.Slug))
            ? [.. categories.OrderBy(c => _categoryTermIds[c.Slug])]
            : categories;
    }

    // Post meta naming the primary category: ours (a slug, written by our export) and Yoast SEO's (a term id).
    internal const string PrimaryCategoryMeta = "_broadsheet_primary_category";
    private const string YoastPrimaryCategoryMeta = "_yoast_wpseo_primary_category";

    private async Task AddTagAsync(WxrTag wxr, CancellationToken cancellationToken)
    {
        var ourSlug = Slugs.From(wxr.Slug);
        var tag = (wxr.TermId is { } id ? await db.Tags.FirstOrDefaultAsync(t => t.WordPressId == id, cancellationToken) : null)
            ?? await db.Tags.FirstOrDefaultAsync(t => t.Slug == ourSlug && t.WordPressId == null, cancellationToken);
        if (tag is null)
        {
            var slug = await Slugs.UniqueAsync(ourSlug, s => db.Tags.AnyAsync(t => t.Slug == s, cancellationToken));
            tag = new Tag { Name = "", Slug = slug };
            db.Tags.Add(tag);
        }
        tag.Name = wxr.Name.Length > 0 ? wxr.Name : wxr.Slug;
        tag.WordPressId = wxr.TermId;
        await db.SaveChangesAsync(cancellationToken);
        _tagIds[wxr.Slug] = tag.Id;
        report.Tags++;
        await AddLegacyUrlAsync($"/{options.TagBase}/{wxr.Slug}/", LegacyTarget.Tag, tag.Id, cancellationToken, Permalinks.Tag(tag.Slug));
    }

    private async Task<Tag> TagAsync(WxrTerm term, CancellationToken cancellationToken)
    {
        if (!_tagIds.TryGetValue(term.Slug, out var id))
        {
            await AddTagAsync(new WxrTag(0, null, term.Slug, term.Name), cancellationToken);
            id = _tagIds[term.Slug];
        }
        // Tags are attached by id: the tracker may have forgotten the entity since it was saved.
        return db.Tags.Local.FirstOrDefault(t => t.Id == id) ?? db.Tags.Attach(new Tag { Id = id, Name = "", Slug = "" }).Entity;
    }
}
