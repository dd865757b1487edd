using System.Net;
using System.Text.RegularExpressions;
using Broadsheet.Accounts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Admin;

// Who may open what in the back office, checked on every endpoint the app maps under /admin: the
// endpoints are enumerated from the running app, so a new page cannot be forgotten here. Route
// values name no existing row: this checks the folder's audience, not per-article rules. A role
// outside a page's audience gets 403 for GET and POST alike, whatever the page would show.
public sealed partial class AccessTests : IClassFixture<AccessTests.SignedInStaff>
{
    private static readonly string[] Everyone = [.. Roles.All];
    private static readonly string[] Writers = [Roles.Administrator, Roles.Editor, Roles.Author, Roles.Contributor];
    private static readonly string[] Uploaders = [Roles.Administrator, Roles.Editor, Roles.Author];
    private static readonly string[] Moderators = [Roles.Administrator, Roles.Editor, Roles.Moderator];
    private static readonly string[] Administrators = [Roles.Administrator];

    // Route prefix → the roles that may use it. Null: open to anyone (signing in, first setup).
    private static readonly Dictionary<string, string[]?> Audiences = new()
    {
        ["admin"] = Everyone,
        ["admin/login"] = null,
        ["admin/logout"] = null,
        ["admin/setup"] = null,
        ["admin/articles"] = Writers,
        ["admin/media"] = Uploaders,
        ["admin/comments"] = Moderators,
        ["admin/users"] = Administrators,
        ["admin/settings"] = Administrators,
        ["admin/audit"] = Administrators,
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly SignedInStaff _staff;

    public AccessTests(SignedInStaff staff) => _staff = staff;

    public sealed class SignedInStaff : IAsyncLifetime
    {
        public BroadsheetApp App { get; } = new();
        public Dictionary<string, HttpClient> Clients { get; } = [];

        public async ValueTask InitializeAsync()
        {
            foreach (var role in Roles.All)
            {
                Clients[role] = await App.SignedInAsync(role);
            }
        }

        public ValueTask DisposeAsync()
        {
            App.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed record AdminEndpoint(string Pattern, string Url, string[] Methods, string[]? Audience);

    private List<AdminEndpoint> AdminEndpoints() =>
        [.. _staff.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: e.RoutePattern.RawText?.TrimStart('/') ?? "", Endpoint: e))
            .Where(e => e.Pattern == "admin" || e.Pattern.StartsWith("admin/", StringComparison.Ordinal))
            .Select(e => new AdminEndpoint(e.Pattern, "/" + RouteParameter().Replace(e.Pattern, "999999") + "/",
                [.. e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]],
                AudienceOf(e.Pattern)))
            .DistinctBy(e => e.Url)];

    private static string[]? AudienceOf(string pattern)
    {
        var key = pattern == "admin" ? "admin" : string.Join('/', pattern.Split('/').Take(2));
        Assert.True(Audiences.ContainsKey(key), $"/{pattern} is not in the access table of AccessTests: say who may use it.");
        return Audiences[key];
    }

    [Fact]
    public void Every_back_office_endpoint_is_in_the_access_table()
    {
        var endpoints = AdminEndpoints();

        Assert.Contains(endpoints, e => e.Pattern.StartsWith("admin/users", StringComparison.Ordinal));
        Assert.All(endpoints, e => Assert.True(Audiences.ContainsKey(e.Pattern == "admin" ? "admin" : string.Join('/', e.Pattern.Split('/').Take(2)))));
    }

    [Fact]
    public async Task A_role_outside_an_endpoints_audience_gets_403_for_every_method()
    {
        var failures = new List<string>();
        foreach (var endpoint in AdminEndpoints().Where(e => e.Audience is not null))
        {
            foreach (var role in Roles.All.Except(endpoint.Audience!))
            {
                foreach (var method in endpoint.Methods)
                {
                    var status = await SendAsync(_staff.Clients[role], method, endpoint.Url);
                    if (status != HttpStatusCode.Forbidden)
                    {
                        failures.Add($"{role} {method} {endpoint.Url} → {(int)status}");
                    }
                }
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_role_inside_an_endpoints_audience_is_let_through()
    {
        var failures = new List<string>();
        foreach (var endpoint in AdminEndpoints().Where(e => e.Audience is not null && e.Methods.Contains("GET")))
        {
            foreach (var role in endpoint.Audience!)
            {
                var status = await SendAsync(_staff.Clients[role], "GET", endpoint.Url);
                if (status is HttpStatusCode.Forbidden or HttpStatusCode.Redirect or HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{role} GET {endpoint.Url} → {(int)status}");
                }
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_post_without_the_antiforgery_token_is_refused_even_for_the_right_role()
    {
        var failures = new List<string>();
        foreach (var endpoint in AdminEndpoints().Where(e => e.Methods.Contains("POST")))
        {
            var role = endpoint.Audience?[0] ?? Roles.Administrator;
            var status = await SendAsync(_staff.Clients[role], "POST", endpoint.Url);
            if (status != HttpStatusCode.BadRequest)
            {
                failures.Add($"{role} POST {endpoint.Url} → {(int)status}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_guarded_endpoint()
    {
        var anonymous = _staff.App.CreateReader();
        var failures = new List<string>();
        foreach (var endpoint in AdminEndpoints().Where(e => e.Audience is not null))
        {
            foreach (var method in endpoint.Methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(endpoint.Url, UriKind.Relative));
                using var response = await anonymous.SendAsync(request, Cancel);
                if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.AbsolutePath != AccountSetup.LoginPath)
                {
                    failures.Add($"{method} {endpoint.Url} → {(int)response.StatusCode}");
                }
            }
        }
        Assert.Empty(failures);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
        if (method != "GET")
        {
            request.Content = new FormUrlEncodedContent([]);
        }
        using var response = await client.SendAsync(request, Cancel);
        return response.StatusCode;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
