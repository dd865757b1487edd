using Broadsheet.Accounts;
using Broadsheet.Admin;
using Broadsheet.Articles;
using Broadsheet.Caching;
using Broadsheet.Comments;
using Broadsheet.Data;
using Broadsheet.Feeds;
using Broadsheet.Import;
using Broadsheet.Media;
using Broadsheet.Metadata;
using Broadsheet.Operations;
using Broadsheet.Redirects;
using Broadsheet.Search;
using Broadsheet.Settings;
using Broadsheet.Shared;
using Broadsheet.Sitemaps;

var builder = WebApplication.CreateBuilder(Commands.HostArgs(args));
builder.AddOperations();
builder.AddData();
builder.AddSite();
builder.AddSettings();
builder.AddAccounts();
builder.AddCaching();
builder.AddRedis();
builder.AddRateLimits();
builder.AddArticles();
builder.AddComments();
builder.AddAdmin();
builder.AddMedia();
builder.AddSearch();
builder.AddFeeds();
builder.AddSitemaps();
builder.AddMetadata();
builder.AddImport();

var app = builder.Build();
if (await app.RunCommandAsync(args))
{
    return Environment.ExitCode;
}
await app.PrepareDatabaseAsync();

app.UseOperations();
app.UseSite();
app.UseRateLimits();
app.UseSettings();
app.UseLegacyUrls();
app.MapSite();
app.MapComments();
app.MapOperations();
app.MapMedia();
app.MapSearch();
app.MapFeeds();
app.MapSitemaps();

await app.RunAsync();
return 0;

// Integration tests start the app through WebApplicationFactory<Program>.
public partial class Program;
