using System.Xml.Linq;
using Broadsheet.Import;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Import;

// A newsroom can move back: WXR → Broadsheet → WXR → Broadsheet loses nothing, and a JSON backup
// restores the site exactly, old addresses included.
public sealed class RoundTripTests : IDisposable
{
    private readonly BroadsheetApp _first = Importing.EmptySite();
    private readonly BroadsheetApp _second = Importing.EmptySite();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"broadsheet-export-{Guid.NewGuid():N}");
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
        File.Delete(_file);
    }

    [Theory]
    [InlineData("site.xml")]
    [InlineData("hierarchy.xml")] // several categories per post, and a page tree
    public async Task A_site_exported_as_WXR_and_imported_again_is_the_same_field_by_field(string fixture)
    {
        await _first.ImportWordPressAsync(Importing.Fixture(fixture));
        await using (var output = File.Create(_file))
        {
            await using var scope = _first.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WordPressExporter>().ExportAsync(output, "https://paper.example", Cancel);
        }

        _second.CreateClient().Dispose();
        var report = await _second.ImportWordPressAsync(_file);

        Assert.Empty(report.Skipped);
        Assert.Equal(await Snapshot.OfAsync(_first, withOldAddresses: false), await Snapshot.OfAsync(_second, withOldAddresses: false));
    }

    [Fact]
    public async Task The_WXR_export_has_the_shape_WordPress_reads()
    {
        await _first.ImportWordPressAsync(Importing.Fixture("site.xml"));
        await using (var output = File.Create(_file))
        {
            await using var scope = _first.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WordPressExporter>().ExportAsync(output, "https://paper.example", Cancel);
        }

        var rss = XDocument.Load(_file);
        XNamespace wp = "http://wordpress.org/export/1.2/";
        var channel = rss.Root!.Element("channel")!;
        Assert.Equal("1.2", channel.Element(wp + "wxr_version")!.Value);
        var harbour = channel.Elements("item").Single(i => i.Element(wp + "post_id")!.Value == "101");
        Assert.Equal("https://paper.example/2024/03/05/harbour-reopens/", harbour.Element("link")!.Value);
        Assert.Equal("publish", harbour.Element(wp + "status")!.Value);
        Assert.Equal(18, harbour.Elements(wp + "comment").Count());
        var attachment = channel.Elements("item").Single(i => i.Element(wp + "post_type")!.Value == "attachment");
        Assert.Equal("http://old.example.com/wp-content/uploads/2024/03/harbour.jpg", attachment.Element(wp + "attachment_url")!.Value);
        Assert.Contains(harbour.Elements(wp + "postmeta"), m => m.Element(wp + "meta_key")!.Value == "_thumbnail_id"
            && m.Element(wp + "meta_value")!.Value == attachment.Element(wp + "post_id")!.Value);
    }

    [Theory]
    [InlineData("site.xml")]
    [InlineData("hierarchy.xml")]
    public async Task A_JSON_backup_restores_into_an_empty_site_exactly_and_refuses_a_site_with_content(string fixture)
    {
        await _first.ImportWordPressAsync(Importing.Fixture(fixture));
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

        Assert.Equal(await Snapshot.OfAsync(_first), await Snapshot.OfAsync(_second));
        await using (var again = File.OpenRead(_file))
        {
            await using var scope = _second.Services.CreateAsyncScope();
            await Assert.ThrowsAsync<InvalidOperationException>(
                () => scope.ServiceProvider.GetRequiredService<SiteBackup>().RestoreAsync(again, Cancel));
        }
    }
}
