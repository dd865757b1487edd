namespace Broadsheet.Search;

// Related reading's services: the tags' windows kept by the node, the reading made per view.
public static class RelatedReadingSetup
{
    public static WebApplicationBuilder AddRelatedReading(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RelatedOptions>().BindConfiguration(RelatedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TagWindows>();
        builder.Services.AddScoped<RelatedArticles>();
        return builder;
    }
}
