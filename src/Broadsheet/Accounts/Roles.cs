namespace Broadsheet.Accounts;

// WordPress's roles, plus Moderator (comments only). A user has exactly one.
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Editor = "Editor";
    public const string Author = "Author";
    public const string Contributor = "Contributor";
    public const string Moderator = "Moderator";

    public static readonly IReadOnlyList<string> All = [Administrator, Editor, Author, Contributor, Moderator];

    // May publish any article and edit everyone's.
    public static bool EditsEverything(string role) => role is Administrator or Editor;
}

// Each back-office folder is guarded by one of these on the server (see AccountSetup).
public static class Policies
{
    public const string Staff = "Staff";
    public const string Writers = "Writers";
    public const string Uploaders = "Uploaders";
    public const string Moderators = "Moderators";
    public const string Administrators = "Administrators";

    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [Staff] = [.. Roles.All],
        [Writers] = [Roles.Administrator, Roles.Editor, Roles.Author, Roles.Contributor],
        // As WordPress: contributors may not upload files.
        [Uploaders] = [Roles.Administrator, Roles.Editor, Roles.Author],
        [Moderators] = [Roles.Administrator, Roles.Editor, Roles.Moderator],
        [Administrators] = [Roles.Administrator],
    };
}
