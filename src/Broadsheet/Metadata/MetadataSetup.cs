namespace Broadsheet.Metadata;

// Page metadata: the layout renders _PageMetadata.cshtml on every page; the article page asks
// StructuredData for its JSON-LD and OpenGraph facts.
public static class MetadataSetup
{
    public static WebApplicationBuilder AddMetadata(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StructuredData>();
        return builder;
    }
}
