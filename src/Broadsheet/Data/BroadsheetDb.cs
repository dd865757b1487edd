using Broadsheet.Accounts;
using Broadsheet.Articles;
using Broadsheet.Authors;
using Broadsheet.Comments;
using Broadsheet.Taxonomy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Broadsheet.Data;

// The one model of the site. Each database provider gets its own subclass (SqliteDb,
// PostgresDb) so that each keeps its own migration set, as EF Core documents for multi-provider
// apps; features depend on this base class only. Staff accounts and roles (ASP.NET Core Identity)
// live in the same database.
public abstract class BroadsheetDb(DbContextOptions options) : IdentityDbContext<StaffUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<Redirects.LegacyUrl> LegacyUrls => Set<Redirects.LegacyUrl>();

    // Data Protection keys live in the database, so every app node reads the same key ring and a
    // cookie or antiforgery token issued by one node is valid on all of them.
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Named one by one rather than found with ApplyConfigurationsFromAssembly: that loads every
        // type of the app to look for them, and with them assemblies a node may never use (the
        // Redis client, SkiaSharp), a few MB of resident memory. A test
        // (ModelMappingsTests) fails when a mapping is missing from this list.
        foreach (var mapping in Mappings)
        {
            mapping(builder);
        }
    }

    internal static readonly Action<ModelBuilder>[] Mappings =
    [
        b => b.ApplyConfiguration(new ArticleMapping()),
        b => b.ApplyConfiguration(new OldSlugMapping()),
        b => b.ApplyConfiguration(new CommentMapping()),
        b => b.ApplyConfiguration(new CategoryMapping()),
        b => b.ApplyConfiguration(new TagMapping()),
        b => b.ApplyConfiguration(new AuthorMapping()),
        b => b.ApplyConfiguration(new StaffUserMapping()),
        b => b.ApplyConfiguration(new RoleMapping()),
        b => b.ApplyConfiguration(new Redirects.LegacyUrlMapping()),
        b => b.ApplyConfiguration(new Media.MediaItemMapping()),
        b => b.ApplyConfiguration(new Settings.SiteSettingsMapping()),
        b => b.ApplyConfiguration(new Admin.Audit.AuditEntryMapping()),
        b => b.ApplyConfiguration(new Admin.Articles.ArticleRevisionMapping()),
    ];

    // Comments carry their HTML, made here so that no way of writing one can forget it; and the
    // articles whose comments a save changes get their thread counts recounted in the same
    // transaction (ThreadCounts), so a count never disagrees with the comments it counts.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        CommentRendering.Refresh(ChangeTracker);
        if (ThreadCounts.Watch(ChangeTracker) is not { } pending)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        ThreadCounts.Recount(this, pending.Articles);
        own?.Commit();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CommentRendering.Refresh(ChangeTracker);
        if (ThreadCounts.Watch(ChangeTracker) is not { } pending)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await ThreadCounts.RecountAsync(this, pending.Articles, cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }
        return saved;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    // Every time is stored as UTC; reading it back must say so, or time-zone conversions for
    // permalinks and feeds silently shift by the server's offset.
    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        toStore => toStore.Kind == DateTimeKind.Local ? toStore.ToUniversalTime() : DateTime.SpecifyKind(toStore, DateTimeKind.Utc),
        fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
}
