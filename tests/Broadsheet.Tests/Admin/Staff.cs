using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Broadsheet.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Admin;

// What a member of the newsroom's browser does: get an account, sign in, send back-office forms
// with the token of the page they came from.
public static class Staff
{
    public const string Password = "correct horse battery staple";

    public static string EmailFor(string role) => $"{role.ToLowerInvariant()}@newsroom.example";

    public static async Task CreateAccountAsync(this BroadsheetApp app, string role, string? email = null, string? name = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var errors = await scope.ServiceProvider.GetRequiredService<StaffDirectory>().CreateAsync(
            new StaffDirectory.NewAccount(email ?? EmailFor(role), name ?? $"{role} Person", role, Password),
            TestContext.Current.CancellationToken);
        Assert.Null(errors);
    }

    // A client signed in as a new account with this role.
    public static async Task<HttpClient> SignedInAsync(this BroadsheetApp app, string role, string? email = null)
    {
        email ??= EmailFor(role);
        await app.CreateAccountAsync(role, email, $"{role} {email.Split('@')[0]}");
        var client = app.CreateReader();
        var response = await client.SignInAsync(email, Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password) =>
        client.SubmitAsync("/admin/login/", "form#login", new() { ["email"] = email, ["password"] = password });

    // Opens the page, fills the form found by the selector (hidden fields and token kept) and sends it.
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string pageUrl, string formSelector,
        Dictionary<string, string> fields)
    {
        var page = await client.GetPageAsync(pageUrl);
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No {formSelector} on {pageUrl}");
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
            .Where(input => input.Name is { Length: > 0 })
            .ToDictionary(input => input.Name!, input => input.Value);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }
        var action = form.GetAttribute("action") is { Length: > 0 } target ? target : pageUrl;
        return await client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(values),
            TestContext.Current.CancellationToken);
    }
}
