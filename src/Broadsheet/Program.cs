using Broadsheet.Articles;
using Broadsheet.Comments;
using Broadsheet.Data;
using Broadsheet.Import;
using Broadsheet.Redirects;
using Broadsheet.Shared;

var builder = WebApplication.CreateBuilder(Commands.HostArgs(args));
builder.AddData();
builder.AddSite();
builder.AddArticles();
builder.AddComments();
builder.AddImport();

var app = builder.Build();
if (await app.RunCommandAsync(args))
{
    return;
}
await app.PrepareDatabaseAsync();

app.UseSite();
app.UseLegacyUrls();
app.MapSite();

app.Run();

// Integration tests start the app through WebApplicationFactory<Program>.
public partial class Program;
