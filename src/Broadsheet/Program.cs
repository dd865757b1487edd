using Broadsheet.Articles;
using Broadsheet.Caching;
using Broadsheet.Comments;
using Broadsheet.Data;
using Broadsheet.Feeds;
using Broadsheet.Import;
using Broadsheet.Metadata;
using Broadsheet.Operations;
using Broadsheet.Redirects;
using Broadsheet.Search;
using Broadsheet.Shared;
using Broadsheet.Sitemaps;

var builder = WebApplication.CreateBuilder(Commands.HostArgs(args));
builder.AddOperations();
builder.AddData();
builder.AddSite();
builder.AddCaching();
builder.AddArticles();
builder.AddComments();
builder.AddSearch();
builder.AddFeeds();
builder.AddSitemaps();
builder.AddMetadata();
builder.AddImport();

var app = builder.Build();
if (await app.RunCommandAsync(args))
{
    return;
}
await app.PrepareDatabaseAsync();

app.UseOperations();
app.UseSite();
app.UseLegacyUrls();
app.MapSite();
app.MapOperations();
app.MapSearch();
app.MapFeeds();
app.MapSitemaps();

app.Run();

// Integration tests start the app through WebApplicationFactory<Program>.
public partial class Program;
