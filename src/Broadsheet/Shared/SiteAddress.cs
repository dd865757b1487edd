using Microsoft.Extensions.Options;

namespace Broadsheet.Shared;

// Absolute URLs, which feeds, sitemaps and page metadata need: Site:BaseUrl when the operator set
// it (behind a proxy the request may not know its public name), else the request's own scheme and host.
public sealed class SiteAddress(IOptions<SiteOptions> options)
{
    public string BaseUrl(HttpRequest request) =>
        options.Value.BaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";

    public string Absolute(HttpRequest request, string path) => BaseUrl(request) + path;

    public Uri AbsoluteUri(HttpRequest request, string path) => new(Absolute(request, path));
}
