using Broadsheet.Articles;
using Broadsheet.Caching;
using Broadsheet.Comments;
using Broadsheet.Data;
using Broadsheet.Operations;
using Broadsheet.Shared;

var builder = WebApplication.CreateBuilder(args);
builder.AddOperations();
builder.AddData();
builder.AddSite();
builder.AddCaching();
builder.AddArticles();
builder.AddComments();

var app = builder.Build();
await app.PrepareDatabaseAsync();

app.UseOperations();
app.UseSite();
app.MapSite();
app.MapOperations();

app.Run();

// Integration tests start the app through WebApplicationFactory<Program>.
public partial class Program;
