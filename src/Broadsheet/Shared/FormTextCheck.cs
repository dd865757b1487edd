using System.Text.Unicode;

namespace Broadsheet.Shared;

// Browsers always send forms as valid UTF-8. A form body whose percent-decoded bytes are not valid
// UTF-8, or that holds NUL bytes, comes from a broken or hostile client: ASP.NET Core would
// silently replace or keep such bytes (or fail inside antiforgery with a misleading message), so
// it is refused here, before anything reads the form, with a clear 400.
internal sealed class FormTextCheck(RequestDelegate next)
{
    public const string Message =
        "The form contains characters that cannot be accepted (NUL bytes or text that is not valid UTF-8).";

    // Larger bodies are left to the form size limits.
    private const int MaxInspectedBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method)
            && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null
            && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
            && request.ContentLength is null or <= MaxInspectedBytes)
        {
            request.EnableBuffering();
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, context.RequestAborted);
            request.Body.Position = 0;
            if (body.Length <= MaxInspectedBytes && !IsCleanText(body.GetBuffer().AsSpan(0, (int)body.Length)))
            {
                StatusPage.SetMessage(context, Message);
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }
        await next(context);
    }

    private static bool IsCleanText(ReadOnlySpan<byte> encoded)
    {
        var decoded = new byte[encoded.Length];
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == '%' && i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]))
            {
                b = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                i += 2;
            }
            if (b == 0)
            {
                return false;
            }
            decoded[length++] = b;
        }
        return Utf8.IsValid(decoded.AsSpan(0, length));
    }

    private static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
