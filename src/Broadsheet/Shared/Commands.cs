using Broadsheet.Accounts;

namespace Broadsheet.Shared;

// The executable also takes commands: `dotnet run --project src/Broadsheet -- users add …`. When
// the first argument is a command word, the app builds its services and migrates the database as
// usual, runs the command and exits with its code instead of serving the site.
// Adding a command is one line in All.
public static class Commands
{
    private static readonly Dictionary<string, Func<CommandContext, Task<int>>> All = new(StringComparer.Ordinal)
    {
        ["users"] = UsersCommand.RunAsync,
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && All.ContainsKey(args[0]);

    public static async Task<int> RunCommandAsync(this WebApplication app, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = new CommandContext(scope.ServiceProvider, args[1..], Console.In, Console.Out, Console.Error,
            IsInteractive: !Console.IsInputRedirected, app.Lifetime.ApplicationStopping);
        return await All[args[0]](context);
    }
}

// What a command gets: services, its own arguments (after the command word) and the console.
public sealed record CommandContext(
    IServiceProvider Services, string[] Args, TextReader Input, TextWriter Output, TextWriter Error,
    bool IsInteractive, CancellationToken CancellationToken)
{
    // "--email x" → x. Null when the option is absent or has no value.
    public string? Option(string name)
    {
        var at = Array.IndexOf(Args, "--" + name);
        return at >= 0 && at + 1 < Args.Length ? Args[at + 1] : null;
    }

    // A password: typed without echo on a terminal, or one line of piped input.
    public string ReadSecret(string prompt)
    {
        if (!IsInteractive)
        {
            return Input.ReadLine() ?? "";
        }
        Error.Write(prompt);
        var secret = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                secret.Length = Math.Max(0, secret.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }
        Error.WriteLine();
        return secret.ToString();
    }
}
