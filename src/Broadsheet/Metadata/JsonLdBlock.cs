using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Broadsheet.Metadata;

// A page's JSON-LD as the UTF-8 that Utf8JsonWriter made, in an array from the shared pool, until
// the page is sent. It carries every comment shown (a quarter of an article page); as a string it
// was a 45 KB allocation per view, after the writer's buffer had grown and been copied twice.
// StructuredData's encoder already escaped <, > and &, so the text goes out as it is, once: the
// array goes back to the pool when it has been written.
public sealed class JsonLdBlock(int capacity) : IHtmlContent, IBufferWriter<byte>
{
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(capacity);
    private int _length;

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _bytes.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _bytes.AsSpan(_length);
    }

    private void Ensure(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_bytes.Length == 0, this);
        if (_bytes.Length - _length < Math.Max(sizeHint, 1))
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _length + sizeHint));
            _bytes.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }
    }

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ObjectDisposedException.ThrowIf(_bytes.Length == 0, this);
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(_length));
        var count = Encoding.UTF8.GetChars(_bytes, 0, _length, chars, 0);
        writer.Write(chars, 0, count);
        ArrayPool<char>.Shared.Return(chars);
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
    }

    public override string ToString()
    {
        ObjectDisposedException.ThrowIf(_bytes.Length == 0, this);
        return Encoding.UTF8.GetString(_bytes, 0, _length);
    }
}
