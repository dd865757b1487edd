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

    // Opens the page, fills the form found by the selector as a browser would (every field's
    // current value, ticked boxes only), replaces the given fields and sends it.
    // Fields named in `lists` are sent once per value (a multiple choice), in place of the form's own.
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string pageUrl, string formSelector,
        Dictionary<string, string> fields, Dictionary<string, string[]>? lists = null)
    {
        var page = await client.GetPageAsync(pageUrl);
        return await client.SubmitAsync(page, pageUrl, formSelector, fields, lists);
    }

    // The same, for a page already at hand (one answered with an error status, say).
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlDocument page, string pageUrl,
        string formSelector, Dictionary<string, string> fields, Dictionary<string, string[]>? lists = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No {formSelector} on {pageUrl}");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false }:
                case IHtmlInputElement { Type: "submit" or "button" or "file" }:
                    break;
                case IHtmlInputElement input when input.Name is { Length: > 0 } name:
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement { IsMultiple: true } select when select.Name is { Length: > 0 } name:
                    values.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case IHtmlSelectElement select when select.Name is { Length: > 0 } name:
                    values.Add(new(name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area when area.Name is { Length: > 0 } name:
                    values.Add(new(name, area.Value));
                    break;
            }
        }
        values.RemoveAll(pair => fields.ContainsKey(pair.Key) || lists?.ContainsKey(pair.Key) == true);
        values.AddRange(fields);
        values.AddRange((lists ?? []).SelectMany(list => list.Value.Select(value => new KeyValuePair<string, string>(list.Key, value))));
        var action = form.GetAttribute("action") is { Length: > 0 } target ? target : pageUrl;
        return await client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(values),
            TestContext.Current.CancellationToken);
    }
}
