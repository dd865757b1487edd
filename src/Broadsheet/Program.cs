using Broadsheet.Accounts;
using Broadsheet.Admin;
using Broadsheet.Articles;
using Broadsheet.Comments;
using Broadsheet.Data;
using Broadsheet.Media;
using Broadsheet.Settings;
using Broadsheet.Shared;

var builder = WebApplication.CreateBuilder(args);
builder.AddData();
builder.AddSite();
builder.AddSettings();
builder.AddAccounts();
builder.AddArticles();
builder.AddComments();
builder.AddAdmin();
builder.AddMedia();

var app = builder.Build();
await app.PrepareDatabaseAsync();
if (Commands.IsCommand(args))
{
    return await app.RunCommandAsync(args);
}

app.UseSite();
app.UseSettings();
app.MapSite();
app.MapMedia();

await app.RunAsync();
return 0;

// Integration tests start the app through WebApplicationFactory<Program>.
public partial class Program;
