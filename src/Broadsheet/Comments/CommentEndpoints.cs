namespace Broadsheet.Comments;

// Comments are posted through the article page's form (see ArticlePage.OnPostAsync); this
// registers the rules that page relies on.
public static class CommentEndpoints
{
    public static WebApplicationBuilder AddComments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CommentOptions>().BindConfiguration(CommentOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<Moderation>();
        builder.Services.AddScoped<CommentIntake>();
        builder.Services.AddScoped<CommentPages>();
        builder.Services.AddSingleton<CommenterCookies>();
        return builder;
    }
}
