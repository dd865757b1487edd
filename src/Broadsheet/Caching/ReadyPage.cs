using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Broadsheet.Caching;

// A cached reader page as it goes out, answered exactly as the output cache answers a hit: status
// 200, the headers stored with the page (the Date of its rendering included), Content-Length and
// Age. Made once, from the answer a reader got when the page was rendered or read from the store,
// so a hit only copies ready header values and bytes. The bytes are the stored page's own (the
// output cache's entry ends with the body): a ready page costs its headers, never a second copy.
internal sealed class ReadyPage
{
    // Not stored by the output cache either (Content-Length, Age, Request-Id), or added by the server
    // as it wrote this one answer (Server, and Connection: close for a reader who asked to close).
    private static readonly HashSet<string> NotKept = new(StringComparer.OrdinalIgnoreCase)
        { HeaderNames.ContentLength, HeaderNames.Age, HeaderNames.RequestId, HeaderNames.Server, HeaderNames.Connection, HeaderNames.KeepAlive };

    private readonly (string Name, StringValues Value)[] _headers;
    private readonly ReadOnlyMemory<byte> _body;
    private readonly long _renderedAt;
    private AgeText _age = new(-1, "");

    private ReadyPage(string address, (string, StringValues)[] headers, ReadOnlyMemory<byte> body, long renderedAt)
    {
        Address = address;
        _headers = headers;
        _body = body;
        _renderedAt = renderedAt;
    }

    public string Address { get; }

    // Environment.TickCount64 (the clock of the memory cache holding the stored page): set when kept.
    public long ExpiresAt { get; set; }

    public bool IsFresh => Environment.TickCount64 < ExpiresAt;

    // The answer this request got, if it is the stored page and nothing personal: its bytes must be
    // the end of the stored entry and hash to its ETag (ReaderPageHeaders), or nothing is made.
    public static ReadyPage? From(string address, HttpResponse response, byte[] stored)
    {
        var headers = response.Headers;
        if (response.StatusCode != StatusCodes.Status200OK || response.ContentLength is not { } length || length > stored.Length
            || headers.SetCookie.Count > 0 || headers.TransferEncoding.Count > 0 || headers.ETag.Count != 1)
        {
            return null;
        }
        var body = stored.AsMemory(stored.Length - (int)length);
        if (!string.Equals(headers.ETag[0], ReaderPageHeaders.ETagOf(body.Span), StringComparison.Ordinal))
        {
            return null;
        }
        var kept = new List<(string, StringValues)>(headers.Count);
        foreach (var (name, value) in headers)
        {
            if (!NotKept.Contains(name))
            {
                kept.Add((name, value));
            }
        }
        // Read from the store rather than rendered: it is as old as its Age says.
        var age = long.TryParse(headers.Age.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
        return new ReadyPage(address, [.. kept], body, Environment.TickCount64 - (age * 1000));
    }

    public async Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        var headers = response.Headers;
        headers.ContentLength = _body.Length;
        foreach (var (name, value) in _headers)
        {
            headers[name] = value;
        }
        headers.Age = AgeNow();
        // As bare Kestrel writes: a reader who leaves mid-page ends the write, nothing to cancel.
        await response.BodyWriter.WriteAsync(_body);
    }

    // Whole seconds, as the output cache counts them; the text is made once per second per page.
    private string AgeNow()
    {
        var seconds = Math.Max(0, (Environment.TickCount64 - _renderedAt) / 1000);
        var age = _age;
        if (age.Seconds != seconds)
        {
            _age = age = new AgeText(seconds, seconds.ToString(CultureInfo.InvariantCulture));
        }
        return age.Text;
    }

    private sealed record AgeText(long Seconds, string Text);
}
