namespace Broadsheet.Metadata;

// Page metadata: the layout writes PageMetadataHtml on every page; the article page asks
// StructuredData for its JSON-LD and OpenGraph facts.
public static class MetadataSetup
{
    public static WebApplicationBuilder AddMetadata(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StructuredData>();
        return builder;
    }
}
