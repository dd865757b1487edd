using System.Buffers;
using System.Text;
using Broadsheet.Shared;

namespace Broadsheet.Tests.Articles;

// The writer Razor sends a page through: every character arrives, in order, only through
// asynchronous writes (Kestrel refuses synchronous ones), and a flush below the threshold passes
// nothing on. A page's rendering through it is what every page test sees; these are its edges.
public sealed class WholePageWriterTests
{
    // Records what reaches the response; a synchronous write there would be a Kestrel error.
    private sealed class Response : StringWriter
    {
        public int AsyncWrites { get; private set; }

        public override void Write(char value) => throw new InvalidOperationException("synchronous write");

        public override void Write(char[] buffer, int index, int count) => throw new InvalidOperationException("synchronous write");

        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        {
            AsyncWrites++;
            GetStringBuilder().Append(buffer.Span);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_page_larger_than_the_threshold_arrives_whole_and_in_order()
    {
        var response = new Response();
        var expected = new StringBuilder();
        await using (var writer = new WholePageWriter(ArrayPool<char>.Create(), response))
        {
            for (var i = 0; i < 5_000; i++)
            {
                var piece = $"<p id=\"c{i}\">Comment {i} – ünïcödé 😀</p>";
                expected.Append(piece);
                if (i % 3 == 0)
                {
                    writer.Write(piece);
                }
                else
                {
                    await writer.WriteAsync(piece.AsMemory(), TestContext.Current.CancellationToken);
                }
                writer.Write('\n');
                expected.Append('\n');
                if (i % 100 == 0)
                {
                    await writer.FlushAsync(TestContext.Current.CancellationToken);
                }
            }
        }

        Assert.Equal(expected.ToString(), response.ToString());
        Assert.True(expected.Length > 3 * 64 * 1024, "the page is meant to cross the threshold several times");
    }

    [Fact]
    public async Task A_flush_below_the_threshold_waits_and_dispose_sends_the_rest()
    {
        var response = new Response();
        var writer = new WholePageWriter(ArrayPool<char>.Create(), response);

        writer.Write("<main>short page</main>");
        await writer.FlushAsync(TestContext.Current.CancellationToken);
        writer.Flush();
        var beforeDispose = response.ToString();
        await writer.DisposeAsync();

        Assert.Equal("", beforeDispose);
        Assert.Equal("<main>short page</main>", response.ToString());
        Assert.Equal(1, response.AsyncWrites);
    }
}
