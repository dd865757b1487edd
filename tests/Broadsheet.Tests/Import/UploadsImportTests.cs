using System.Net;
using Broadsheet.Import;
using Broadsheet.Media;
using Broadsheet.Tests.Media;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Broadsheet.Tests.Import;

// import wordpress FILE --uploads DIR, with a copy of wp-content/uploads made here: two real
// images, a text file named .jpg, a missing file, one outside the folder and one on another host.
public sealed class UploadsImportTests : IAsyncLifetime
{
    private readonly BroadsheetApp _app = Importing.EmptySite();
    private readonly DirectoryInfo _oldSite = Directory.CreateTempSubdirectory("broadsheet-uploads-");
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ImportReport Report { get; set; } = null!;
    private string Uploads => Path.Combine(_oldSite.FullName, "wp-content", "uploads");

    public async ValueTask InitializeAsync()
    {
        var march = Directory.CreateDirectory(Path.Combine(Uploads, "2024", "03")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(march, "harbour.jpg"), MediaUploadTests.Picture(1200, 800, SKEncodedImageFormat.Jpeg), Cancel);
        await File.WriteAllBytesAsync(Path.Combine(march, "boat.png"), MediaUploadTests.Picture(300, 200, SKEncodedImageFormat.Png), Cancel);
        await File.WriteAllTextAsync(Path.Combine(march, "notes.jpg"), "Remember to buy film.", Cancel);
        // What "../../secret.png" would reach if the importer followed it out of the folder.
        await File.WriteAllBytesAsync(Path.Combine(_oldSite.FullName, "secret.png"), MediaUploadTests.Picture(50, 50, SKEncodedImageFormat.Png), Cancel);
        _app.CreateClient().Dispose();
        Report = await _app.ImportWordPressAsync(Importing.Fixture("uploads.xml"), uploads: Uploads);
    }

    public ValueTask DisposeAsync()
    {
        _app.Dispose();
        _oldSite.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Images_in_the_uploads_folder_join_the_media_library_and_are_served()
    {
        var media = await _app.WithDbAsync(db => db.Set<MediaItem>().OrderBy(m => m.SourcePath).ToListAsync(Cancel));

        Assert.Equal(2, Report.FilesAdded);
        Assert.Equal(["2024/03/boat.png", "2024/03/harbour.jpg"], media.Select(m => m.SourcePath));
        var harbour = media[1];
        Assert.Equal((1200, 800, "jpg"), (harbour.Width, harbour.Height, harbour.Extension));
        Assert.Equal("480,960,1200", harbour.Widths);
        Assert.Equal(WordPressUploads.UploadedBy, harbour.UploadedBy);
        using var reader = _app.CreateReader();
        var served = await reader.GetAsync(new Uri(harbour.LargestUrl, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Files_that_are_missing_refused_or_elsewhere_are_listed_and_the_import_goes_on()
    {
        var why = Report.FilesNotImported.ToDictionary(f => f.Url.Split('/')[^1], f => f.Why);

        Assert.Equal(4, why.Count);
        Assert.Equal("no such file in the uploads folder", why["missing.jpg"]);
        Assert.Equal(ImageUpload.NotAnImage, why["notes.jpg"]);
        Assert.Equal("not a path inside the uploads folder", why["secret.png"]);
        Assert.Equal("not in wp-content/uploads", why["lighthouse.jpg"]);
        Assert.Equal(3, Report.ArticlesAdded);
    }

    [Fact]
    public async Task Featured_images_become_media_items_with_the_attachment_alt_text_or_title()
    {
        var articles = await _app.WithDbAsync(db => db.Articles.ToDictionaryAsync(a => a.WordPressId!.Value, Cancel));
        var media = await _app.WithDbAsync(db => db.Set<MediaItem>().ToDictionaryAsync(m => m.SourcePath!, Cancel));

        Assert.Equal(media["2024/03/harbour.jpg"].Id, articles[401].FeaturedMediaId);
        Assert.Equal("The harbour at dawn, boats moored", articles[401].FeaturedImageAlt);
        Assert.Equal(media["2024/03/boat.png"].Id, articles[402].FeaturedMediaId);
        Assert.Equal("A red boat", articles[402].FeaturedImageAlt);
        Assert.Null(articles[403].FeaturedMediaId);
        Assert.Equal("https://old.example.com/wp-content/uploads/2024/03/missing.jpg", articles[403].FeaturedImageUrl);

        using var reader = _app.CreateReader();
        var page = await reader.GetPageAsync("/2024/03/05/harbour-at-dawn/");
        var featured = page.QuerySelectorAll("img").First(i => i.GetAttribute("alt") == "The harbour at dawn, boats moored");
        Assert.Contains(media["2024/03/harbour.jpg"].Url(480), featured.GetAttribute("srcset"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_images_of_imported_files_point_at_the_media_library_and_the_others_are_kept()
    {
        var body = await _app.WithDbAsync(db => db.Articles.Where(a => a.WordPressId == 401).Select(a => a.BodyHtml).SingleAsync(Cancel));
        var media = await _app.WithDbAsync(db => db.Set<MediaItem>().ToDictionaryAsync(m => m.SourcePath!, Cancel));

        // harbour-300x200.jpg is WordPress's resized copy of harbour.jpg.
        Assert.Contains($"src=\"{media["2024/03/harbour.jpg"].LargestUrl}\"", body, StringComparison.Ordinal);
        Assert.Contains($"src=\"{media["2024/03/boat.png"].LargestUrl}\"", body, StringComparison.Ordinal);
        Assert.Contains("src=\"https://old.example.com/wp-content/uploads/2024/03/missing.jpg\"", body, StringComparison.Ordinal);
        Assert.Contains("src=\"https://elsewhere.example/wp-content/uploads/2024/03/boat.png\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_again_stores_no_file_twice_and_changes_no_article()
    {
        var before = await _app.WithDbAsync(db => db.Articles.OrderBy(a => a.Id)
            .Select(a => new { a.BodyHtml, a.FeaturedMediaId, a.FeaturedImageAlt }).ToListAsync(Cancel));
        var files = Directory.GetFiles(Path.Combine(_app.DataDirectory, "media")).Length;

        var again = await _app.ImportWordPressAsync(Importing.Fixture("uploads.xml"), uploads: Uploads);
        var withoutFolder = await _app.ImportWordPressAsync(Importing.Fixture("uploads.xml"));

        Assert.Equal((0, 2), (again.FilesAdded, again.FilesKept));
        Assert.Equal((0, 2, 0), (withoutFolder.FilesAdded, withoutFolder.FilesKept, withoutFolder.FilesNotImported.Count));
        Assert.Equal(2, await _app.WithDbAsync(db => db.Set<MediaItem>().CountAsync(Cancel)));
        Assert.Equal(files, Directory.GetFiles(Path.Combine(_app.DataDirectory, "media")).Length);
        var after = await _app.WithDbAsync(db => db.Articles.OrderBy(a => a.Id)
            .Select(a => new { a.BodyHtml, a.FeaturedMediaId, a.FeaturedImageAlt }).ToListAsync(Cancel));
        Assert.Equal(before, after);
    }
}
