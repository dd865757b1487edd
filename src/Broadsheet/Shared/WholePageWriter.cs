using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Mvc.ViewFeatures.Buffers;

namespace Broadsheet.Shared;

// Razor writes a rendered page to the response through the writer its buffer scope makes, and
// flushes that writer after every piece of C#-written HTML (the comment thread, the head's
// metadata, an article body, each tag helper): each flush encodes what came before, hands it to
// Kestrel and flushes Kestrel's output, about ten times per article page. This scope's writer
// keeps the page instead and passes it on in large pieces: at a flush once 64K characters are
// waiting, and the rest when Razor is done with it. The view buffers' pages are leased from MVC's
// pool for the request and go back with it, as MVC's own scope (not public) does.
internal sealed class WholePageBufferScope(ArrayPool<ViewBufferValue> viewBufferPool, ArrayPool<char> charPool) : IViewBufferScope, IDisposable
{
    private readonly List<ViewBufferValue[]> _leased = [];
    private readonly Stack<ViewBufferValue[]> _returned = new();

    public ViewBufferValue[] GetPage(int pageSize)
    {
        // A page a view gave back earlier in the request serves again before the pool is asked.
        if (_returned.TryPop(out var page))
        {
            return page;
        }
        page = viewBufferPool.Rent(pageSize);
        _leased.Add(page);
        return page;
    }

    public void ReturnSegment(ViewBufferValue[] segment)
    {
        Array.Clear(segment);
        _returned.Push(segment);
    }

    public TextWriter CreateWriter(TextWriter writer) => new WholePageWriter(charPool, writer);

    public void Dispose()
    {
        foreach (var page in _leased)
        {
            // Cleared, so that the pool keeps no page's strings or HTML alive.
            viewBufferPool.Return(page, clearArray: true);
        }
        _leased.Clear();
        _returned.Clear();
    }
}

// Nothing is written to the response synchronously (Kestrel refuses synchronous writes): the
// characters wait in pooled chunks until an asynchronous flush or dispose passes them on.
internal sealed class WholePageWriter(ArrayPool<char> pool, TextWriter inner) : TextWriter
{
    private const int ChunkLength = 4096;
    private const int PassOnAt = 64 * 1024;

    private readonly List<char[]> _chunks = [];
    private int _lastUsed = ChunkLength;
    private int _waiting;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(ReadOnlySpan<char> buffer)
    {
        while (!buffer.IsEmpty)
        {
            if (_lastUsed == ChunkLength)
            {
                _chunks.Add(pool.Rent(ChunkLength));
                _lastUsed = 0;
            }
            var length = Math.Min(buffer.Length, ChunkLength - _lastUsed);
            buffer[..length].CopyTo(_chunks[^1].AsSpan(_lastUsed));
            _lastUsed += length;
            _waiting += length;
            buffer = buffer[length..];
        }
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    // A synchronous flush has nowhere to go without a synchronous write: the page keeps waiting.
    public override void Flush()
    {
    }

    public override Task FlushAsync() => _waiting >= PassOnAt ? PassOnAsync() : Task.CompletedTask;

    public override Task FlushAsync(CancellationToken cancellationToken) => FlushAsync();

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await PassOnAsync();
        }
        finally
        {
            ReturnChunks();
        }
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Only reached without DisposeAsync (Razor always awaits it): what waits still goes out.
            foreach (var (chunk, length) in Waiting())
            {
                inner.Write(chunk, 0, length);
            }
            ReturnChunks();
        }
        base.Dispose(disposing);
    }

    private async Task PassOnAsync()
    {
        foreach (var (chunk, length) in Waiting())
        {
            await inner.WriteAsync(chunk.AsMemory(0, length));
        }
        ReturnChunks();
    }

    private IEnumerable<(char[] Chunk, int Length)> Waiting()
    {
        for (var i = 0; i < _chunks.Count; i++)
        {
            yield return (_chunks[i], i == _chunks.Count - 1 ? _lastUsed : ChunkLength);
        }
    }

    private void ReturnChunks()
    {
        foreach (var chunk in _chunks)
        {
            pool.Return(chunk);
        }
        _chunks.Clear();
        _lastUsed = ChunkLength;
        _waiting = 0;
    }
}
