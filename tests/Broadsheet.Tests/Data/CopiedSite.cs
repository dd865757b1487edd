using System.Globalization;
using Broadsheet.Accounts;
using Broadsheet.Comments;
using Broadsheet.Data;
using Broadsheet.Media;
using Broadsheet.Shared;
using Broadsheet.Tests.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Broadsheet.Tests.Data;

// A lived-in SQLite site (demo newsroom, a staff account, edited settings, an article edited and
// renamed, an upload, comments in every status and a reply filed before its parent) copied with
// the real command into a fresh PostgreSQL database, and the same site started on that database.
public sealed class CopiedSite : IAsyncLifetime
{
    public BroadsheetApp Source { get; private set; } = null!;
    public BroadsheetApp Target { get; private set; } = null!;
    public string TargetDatabase { get; private set; } = "";
    public string TargetConnectionString => TestPostgres.ConnectionStringFor(TargetDatabase);
    public string Permalink { get; private set; } = "";
    public string OldPermalink { get; private set; } = "";
    public string MediaUrl { get; private set; } = "";
    public int ExitCode { get; private set; }
    public string Output { get; private set; } = "";

    // Every row of every entity type, read right after the copy (before the copied site runs).
    public Dictionary<string, List<string>> SourceRows { get; private set; } = [];
    public Dictionary<string, List<string>> TargetRows { get; private set; } = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (!BroadsheetApp.IsPostgres)
        {
            return;
        }
        Source = BroadsheetApp.OnSqlite();
        await FillAsync();
        TargetDatabase = TestPostgres.CreateDatabase();
        (ExitCode, Output, _) = await RunCopyAsync(Source, TargetConnectionString);
        SourceRows = await Source.WithDbAsync(RowsAsync);
        await using (var target = OpenTarget())
        {
            TargetRows = await RowsAsync(target);
        }
        Target = new BroadsheetApp
        {
            // The nodes share the data folder, uploads included, as the README tells operators.
            Settings = { ["ConnectionStrings:Postgres"] = TargetConnectionString, ["Broadsheet:DataDirectory"] = Source.DataDirectory },
        };
    }

    public PostgresDb OpenTarget() => new(new DbContextOptionsBuilder<PostgresDb>().UseNpgsql(TargetConnectionString).Options);

    // The command as an operator runs it: `database copy --to-postgres "…"` on the SQLite site.
    public static async Task<(int Code, string Output, string Error)> RunCopyAsync(BroadsheetApp source, string connectionString)
    {
        await using var scope = source.Services.CreateAsyncScope();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await DatabaseCommand.RunAsync(new CommandContext(scope.ServiceProvider, ["copy", "--to-postgres", connectionString],
            TextReader.Null, output, error, IsInteractive: false, Cancel));
        return (code, output.ToString(), error.ToString());
    }

    private async Task FillAsync()
    {
        var admin = await Source.SignedInAsync(Roles.Administrator);
        await admin.SubmitAsync("/admin/settings/", "form#settings", new() { ["Form.Title"] = "The Marram Gazette" });
        var id = Desk.ArticleId(await admin.SaveAsync("/admin/articles/new/", "publish",
            Desk.Article("Lighthouse keepers return", "The **lighthouse** keepers are back, Zoë says: 灯台守 😀", "coast, people")));
        await admin.SaveAsync($"/admin/articles/{id}/", "save", new() { ["Form.Body"] = "The lighthouse keepers are back for good, Zoë says: 灯台守 😀" });
        OldPermalink = (await admin.PermalinkAsync(id))!;
        await admin.SaveAsync($"/admin/articles/{id}/", "save", new() { ["Form.Slug"] = "lighthouse keepers are back" });
        Permalink = (await admin.PermalinkAsync(id))!;
        await using var scope = Source.Services.CreateAsyncScope();
        var picture = Path.Combine(Source.DataDirectory, "harbour.png");
        await File.WriteAllBytesAsync(picture, Media.MediaUploadTests.Picture(800, 600, SKEncodedImageFormat.Png), Cancel);
        var (item, _) = await scope.ServiceProvider.GetRequiredService<MediaLibrary>().AddFileAsync(picture, Staff.EmailFor(Roles.Administrator), picture, Cancel);
        MediaUrl = $"/media/{item!.Key}-480.{item.Extension}";
        await AddCommentsAsync(scope.ServiceProvider.GetRequiredService<BroadsheetDb>(), id);
    }

    private static async Task AddCommentsAsync(BroadsheetDb db, int articleId)
    {
        var at = BroadsheetApp.Start.UtcDateTime;
        Comment New(string text, CommentStatus status, int minutes) => new()
        {
            ArticleId = articleId, AuthorName = "Zoë Ørsted", AuthorEmail = "zoe@example.org", Content = text,
            Status = status, CreatedAt = at.AddMinutes(minutes), IpAddress = minutes % 2 == 0 ? "203.0.113.7" : null,
            ModeratedAt = status == CommentStatus.Approved ? null : at.AddMinutes(minutes + 1),
        };
        // Filed before its parent, so the parent has the higher id: no row order alone satisfies the key.
        var earlyReply = New("A reply that was filed first", CommentStatus.Approved, -50);
        db.Comments.Add(earlyReply);
        await db.SaveChangesAsync(Cancel);
        var root = New("Welcome back, keepers! 灯台", CommentStatus.Approved, -40);
        db.Comments.Add(root);
        await db.SaveChangesAsync(Cancel);
        earlyReply.ParentId = root.Id;
        var reply = New("Pending reply to the reply", CommentStatus.Pending, -30);
        reply.Parent = earlyReply;
        db.Comments.AddRange(reply, New("Buy cheap watches", CommentStatus.Spam, -20), New("Off topic", CommentStatus.Trash, -10));
        await db.SaveChangesAsync(Cancel);
    }

    // Each entity type's rows as text, every mapped property (shadow ones too), sorted.
    public static async Task<Dictionary<string, List<string>>> RowsAsync(BroadsheetDb db)
    {
        var rows = new Dictionary<string, List<string>>();
        foreach (var entityType in db.Model.GetEntityTypes())
        {
            var properties = entityType.GetProperties().ToList();
            List<string> texts;
            if (entityType.HasSharedClrType)
            {
                var bags = await db.Set<Dictionary<string, object>>(entityType.Name).AsNoTracking().ToListAsync(Cancel);
                texts = [.. bags.Select(bag => string.Join(" | ", properties.Select(p => Text(bag[p.Name]))))];
            }
            else
            {
                var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
                    .MakeGenericMethod(entityType.ClrType).Invoke(db, null)!;
                var entities = await set.ToListAsync(Cancel);
                texts = [.. entities.Select(e => string.Join(" | ", properties.Select(p => Text(db.Entry(e).Property(p.Name).CurrentValue))))];
            }
            texts.Sort(StringComparer.Ordinal);
            rows[entityType.Name] = texts;
        }
        db.ChangeTracker.Clear();
        return rows;
    }

    private static string Text(object? value) => value switch
    {
        null => "∅",
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture) + time.Kind,
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public ValueTask DisposeAsync()
    {
        Target?.Dispose();
        Source?.Dispose();
        if (TargetDatabase.Length > 0)
        {
            TestPostgres.DropDatabase(TargetDatabase);
        }
        return ValueTask.CompletedTask;
    }
}
