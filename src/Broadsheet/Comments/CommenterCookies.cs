using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Broadsheet.Comments;

// Two cookies, both HttpOnly:
// - the browser token, a random value whose hash is stored with each comment, so the browser that
//   wrote a held comment (and no other) sees it in place;
// - the remembered details (name, email, website), set only when the reader ticks the box, and
//   encrypted with Data Protection because they are personal data.
public sealed class CommenterCookies(IDataProtectionProvider dataProtection)
{
    public const string BrowserTokenCookie = "broadsheet_commenter_token";
    public const string RememberedCookie = "broadsheet_commenter";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Broadsheet.Comments.RememberedCommenter");

    public sealed record Remembered(string Name, string Email, string? Url);

    public static string? BrowserTokenHash(HttpContext context) =>
        context.Request.Cookies[BrowserTokenCookie] is { Length: >= 32 and <= 64 } token ? Hash(token) : null;

    // Returns the hash of this browser's token, issuing a token first when there is none.
    public static string EnsureBrowserToken(HttpContext context)
    {
        if (BrowserTokenHash(context) is { } hash)
        {
            return hash;
        }
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        context.Response.Cookies.Append(BrowserTokenCookie, token, Options(context, TimeSpan.FromDays(30)));
        return Hash(token);
    }

    public Remembered? Read(HttpContext context)
    {
        if (context.Request.Cookies[RememberedCookie] is not { Length: > 0 } value)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<Remembered>(_protector.Unprotect(value));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null; // Tampered with, or written with a key that is gone: as if never set.
        }
    }

    public void Remember(HttpContext context, Remembered details) =>
        context.Response.Cookies.Append(RememberedCookie, _protector.Protect(JsonSerializer.Serialize(details)),
            Options(context, TimeSpan.FromDays(365)));

    public static void Forget(HttpContext context)
    {
        if (context.Request.Cookies.ContainsKey(RememberedCookie))
        {
            context.Response.Cookies.Delete(RememberedCookie, Options(context, TimeSpan.Zero));
        }
    }

    private static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static CookieOptions Options(HttpContext context, TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
        MaxAge = lifetime,
        Path = "/",
    };
}
