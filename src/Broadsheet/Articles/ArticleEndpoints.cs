using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broadsheet.Articles;

// Articles are served by Razor pages (the article page, the home page and the archives); this
// registers what they share, and the second route of each list page: WordPress's /page/N/.
public static class ArticleEndpoints
{
    public static WebApplicationBuilder AddArticles(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Permalinks>();
        builder.Services.Configure<RazorPagesOptions>(pages =>
        {
            pages.Conventions.AddPageRoute("/Articles/HomePage", "page/{pageNumber:int}");
            pages.Conventions.AddPageRoute("/Articles/ArticlePage", "{year:int}/{month:int}/{day:int}/{slug}/comment-page-{commentPage:int:min(1)}");
            // Pages (standing content) answer at their nested address, as in WordPress; every
            // other route is more specific and wins, so this one sees only what nothing else takes.
            pages.Conventions.AddPageRoute("/Articles/ArticlePage", "{**pagePath}");
            pages.Conventions.AddPageRoute("/Taxonomy/CategoryPage", "category/{slug}/page/{pageNumber:int}");
            pages.Conventions.AddPageRoute("/Taxonomy/TagPage", "tag/{slug}/page/{pageNumber:int}");
            pages.Conventions.AddPageRoute("/Authors/AuthorPage", "author/{slug}/page/{pageNumber:int}");
        });
        builder.Services.AddSingleton<Taxonomy.SectionList>();
        builder.Services.AddSingleton<Authors.Bylines>();
        return builder;
    }
}
