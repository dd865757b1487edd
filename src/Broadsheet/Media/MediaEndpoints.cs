using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Broadsheet.Media;

// Uploaded images, served from the data folder. A file's name never changes its content, so
// browsers and caches may keep it for a year without asking again.
public static partial class MediaEndpoints
{
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MediaLibrary>();
        return builder;
    }

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{name}", (string name, HttpContext context, IOptions<Data.DataOptions> data) =>
        {
            var match = FileName().Match(name);
            if (!match.Success)
            {
                return Results.NotFound();
            }
            var path = Path.Combine(data.Value.FullDataDirectory, "media", name);
            if (!File.Exists(path))
            {
                return Results.NotFound();
            }
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            var contentType = match.Groups["ext"].Value switch
            {
                "jpg" => "image/jpeg",
                "png" => "image/png",
                _ => "image/webp",
            };
            return Results.File(path, contentType);
        });
        return app;
    }

    // Only names the library writes: no path separators, no dots but the extension's.
    [GeneratedRegex(@"^[0-9a-f]{32}-\d{1,5}\.(?<ext>jpg|png|webp)$")]
    private static partial Regex FileName();
}
