using Broadsheet.Import;
using Broadsheet.Tests.Comments;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Import;

// Imported and restored threads arrive with their articles' stored counts right.
public sealed class ImportedThreadCountTests : IDisposable
{
    private readonly BroadsheetApp _first = Importing.EmptySite();
    private readonly BroadsheetApp _second = Importing.EmptySite();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"broadsheet-backup-{Guid.NewGuid():N}");
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
        File.Delete(_file);
    }

    [Fact]
    public async Task WordPress_and_Disqus_imports_leave_every_article_with_its_thread_counts()
    {
        await _first.ImportWordPressAsync(Importing.Fixture("site.xml"));
        var afterWordPress = await StoredCounts.AssertMatchAsync(_first);
        await using (var scope = _first.Services.CreateAsyncScope())
        {
            await using var file = File.OpenRead(Importing.Fixture("disqus.xml"));
            await scope.ServiceProvider.GetRequiredService<DisqusImporter>().ImportAsync(file, Cancel);
        }
        var afterDisqus = await StoredCounts.AssertMatchAsync(_first);

        Assert.Contains(afterWordPress, r => r.Approved > 1 && r.Roots < r.Approved);
        Assert.True(afterDisqus.Sum(r => r.Approved) > afterWordPress.Sum(r => r.Approved));
    }

    [Fact]
    public async Task A_restored_JSON_backup_has_the_same_thread_counts()
    {
        await _first.ImportWordPressAsync(Importing.Fixture("site.xml"));
        await using (var output = File.Create(_file))
        {
            await using var scope = _first.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SiteBackup>().WriteAsync(output, Cancel);
        }

        _second.CreateClient().Dispose();
        await using (var input = File.OpenRead(_file))
        {
            await using var scope = _second.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SiteBackup>().RestoreAsync(input, Cancel);
        }

        var restored = await StoredCounts.AssertMatchAsync(_second);
        Assert.Equal(await StoredCounts.AssertMatchAsync(_first), restored);
        Assert.Contains(restored, r => r.Approved > 0);
    }
}
