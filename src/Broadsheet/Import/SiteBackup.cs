using System.Text.Json;
using Broadsheet.Data;
using Broadsheet.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Import;

// The whole site as one JSON file, every row with its id, and back: `export json` writes it row by
// row; `import broadsheet` restores it into an empty site only (ids are kept, so nothing may be
// there to collide with). Unlike WXR, this keeps everything, old addresses included.
public sealed class SiteBackup(BroadsheetDb db)
{
    private const int Batch = 1000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public async Task WriteAsync(Stream output, CancellationToken cancellationToken = default)
    {
        await using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteNumber("version", 1);
        await RowsAsync(json, "authors", db.Authors.AsNoTracking().OrderBy(a => a.Id).Select(a => BackupRows.From(a)), cancellationToken);
        await RowsAsync(json, "categories", db.Categories.AsNoTracking().OrderBy(c => c.Id).Select(c => BackupRows.From(c)), cancellationToken);
        await RowsAsync(json, "tags", db.Tags.AsNoTracking().OrderBy(t => t.Id).Select(t => BackupRows.From(t)), cancellationToken);
        await RowsAsync(json, "articles", db.Articles.AsNoTracking().OrderBy(a => a.Id).Select(a => BackupRows.From(a, a.Tags.Select(t => t.Id).ToList(), a.SecondaryCategories.Select(c => c.Id).ToList())), cancellationToken);
        await RowsAsync(json, "comments", db.Comments.AsNoTracking().OrderBy(c => c.Id).Select(c => BackupRows.From(c)), cancellationToken);
        await RowsAsync(json, "legacyUrls", db.LegacyUrls.AsNoTracking().OrderBy(l => l.Id).Select(l => BackupRows.From(l)), cancellationToken);
        json.WriteEndObject();
    }

    private static async Task RowsAsync<T>(Utf8JsonWriter json, string name, IQueryable<T> rows, CancellationToken cancellationToken)
    {
        json.WriteStartArray(name);
        var count = 0;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            JsonSerializer.Serialize(json, row, Json);
            if (++count % Batch == 0)
            {
                await json.FlushAsync(cancellationToken);
            }
        }
        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    public async Task RestoreAsync(Stream input, CancellationToken cancellationToken = default)
    {
        if (await db.Articles.AnyAsync(cancellationToken) || await db.Authors.AnyAsync(cancellationToken)
            || await db.Categories.AnyAsync(cancellationToken) || await db.Comments.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("A backup is restored into an empty site only, and this site has content.");
        }
        var backup = await JsonSerializer.DeserializeAsync<BackupFile>(input, Json, cancellationToken)
            ?? throw new InvalidDataException("The backup file is empty.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AddAllAsync(backup.Authors.Select(a => a.ToEntity()), cancellationToken);
        await AddAllAsync(ParentsFirst(backup.Categories, c => c.Id, c => c.ParentId).Select(c => c.ToEntity()), cancellationToken);
        await AddAllAsync(backup.Tags.Select(t => t.ToEntity()), cancellationToken);
        foreach (var chunk in ParentsFirst(backup.Articles, a => a.Id, a => a.ParentId).Chunk(Batch))
        {
            foreach (var row in chunk)
            {
                var article = row.ToEntity();
                article.Tags = [.. row.TagIds.Select(id => db.Tags.Local.FirstOrDefault(t => t.Id == id) ?? db.Tags.Attach(new Tag { Id = id, Name = "", Slug = "" }).Entity)];
                article.SecondaryCategories = [.. (row.SecondaryCategoryIds ?? []).Select(id => db.Categories.Local.FirstOrDefault(c => c.Id == id)
                    ?? db.Categories.Attach(new Category { Id = id, Name = "", Slug = "" }).Entity)];
                db.Articles.Add(article);
            }
            await SaveAndForgetAsync(cancellationToken);
        }
        await Articles.PagePaths.RefreshAsync(db, cancellationToken);
        await AddAllAsync(ParentsFirst(backup.Comments, c => (long)c.Id, c => c.ParentId).Select(c => c.ToEntity()), cancellationToken);
        await AddAllAsync(backup.LegacyUrls.Select(l => l.ToEntity()), cancellationToken);
        await IdentitySequences.CatchUpAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task AddAllAsync<T>(IEnumerable<T> rows, CancellationToken cancellationToken) where T : class
    {
        foreach (var chunk in rows.Chunk(Batch))
        {
            db.AddRange(chunk);
            await SaveAndForgetAsync(cancellationToken);
        }
    }

    private async Task SaveAndForgetAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    // Rows that point at a parent of their own kind are inserted after it, so each insert finds it.
    private static IEnumerable<T> ParentsFirst<T>(IReadOnlyList<T> rows, Func<T, long> id, Func<T, int?> parent)
    {
        var children = rows.Where(r => parent(r) is not null).ToLookup(r => (long)parent(r)!.Value);
        var known = rows.Select(id).ToHashSet();
        var queue = new Queue<T>(rows.Where(r => parent(r) is not { } p || !known.Contains(p)));
        while (queue.TryDequeue(out var row))
        {
            yield return row;
            foreach (var child in children[id(row)])
            {
                queue.Enqueue(child);
            }
        }
    }
}
