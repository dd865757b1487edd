namespace Broadsheet.Import;

// Moving a site in and out: WordPress (WXR) and Disqus imports, WXR and JSON exports. These run
// as commands (Shared/Commands.cs), never over HTTP: a whole site is an operator's business.
public static class ImportSetup
{
    public static WebApplicationBuilder AddImport(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<WordPressImporter>();
        builder.Services.AddScoped<WordPressExporter>();
        builder.Services.AddScoped<DisqusImporter>();
        builder.Services.AddScoped<SiteBackup>();
        return builder;
    }
}
