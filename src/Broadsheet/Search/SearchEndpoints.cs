namespace Broadsheet.Search;

// Search: the results page (SearchPage), WordPress's /?s= address redirecting to it, related
// articles under each article, and the "search rebuild" command.
public static class SearchEndpoints
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        // Each database searches with its own engine, behind the same seam.
        if (Data.DatabaseProviders.From(builder.Configuration) == Data.DatabaseProvider.Postgres)
        {
            builder.Services.AddScoped<IArticleSearch, PostgresTextSearch>();
        }
        else
        {
            builder.Services.AddScoped<IArticleSearch, SqliteFtsSearch>();
        }
        builder.AddRelatedReading();
        return builder;
    }

    public static WebApplication MapSearch(this WebApplication app)
    {
        // Links and bookmarks from the WordPress days search at /?s=term.
        app.Use((context, next) =>
        {
            if (context.Request.Path == "/" && context.Request.Query.TryGetValue("s", out var term))
            {
                context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                context.Response.Headers.Location = "/search?q=" + Uri.EscapeDataString(term.ToString());
                return Task.CompletedTask;
            }
            return next(context);
        });
        return app;
    }

    public static async Task<int> RebuildAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<IArticleSearch>().RebuildAsync(cancellationToken);
        Console.WriteLine("The search index has been rebuilt.");
        return 0;
    }
}
