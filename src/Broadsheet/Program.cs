using Broadsheet.Articles;
using Broadsheet.Comments;
using Broadsheet.Data;
using Broadsheet.Shared;

var builder = WebApplication.CreateBuilder(args);
builder.AddData();
builder.AddSite();
builder.AddArticles();
builder.AddComments();

var app = builder.Build();
await app.PrepareDatabaseAsync();

app.UseSite();
app.MapSite();

app.Run();

// Integration tests start the app through WebApplicationFactory<Program>.
public partial class Program;
