using System.Text.Encodings.Web;
using System.Text.Json;
using Broadsheet.Metadata;

namespace Broadsheet.Tests.Metadata;

public class JsonLdBlockTests
{
    [Fact]
    public void Json_larger_than_the_first_guess_is_written_whole_and_as_written()
    {
        var text = string.Concat(Enumerable.Repeat("Café </script> & \"quay\" ", 2000));
        var block = new JsonLdBlock(16);
        using (var json = new Utf8JsonWriter(block, new JsonWriterOptions { Encoder = JavaScriptEncoder.Default }))
        {
            json.WriteStartObject();
            json.WriteString("text", text);
            json.WriteEndObject();
        }
        using var page = new StringWriter();

        block.WriteTo(page, HtmlEncoder.Default);

        Assert.DoesNotContain("</script>", page.ToString(), StringComparison.Ordinal);
        Assert.Equal(text, JsonDocument.Parse(page.ToString()).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void A_block_is_written_once_since_its_buffer_then_goes_back_to_the_pool()
    {
        var block = new JsonLdBlock(64);
        using (var json = new Utf8JsonWriter(block))
        {
            json.WriteStringValue("once");
        }
        using var page = new StringWriter();

        block.WriteTo(page, HtmlEncoder.Default);

        Assert.Equal("\"once\"", page.ToString());
        Assert.Throws<ObjectDisposedException>(() => block.WriteTo(page, HtmlEncoder.Default));
    }
}
