using Broadsheet.Data;

namespace Broadsheet.Shared;

// `dotnet run --project src/Broadsheet -- <command> …` runs an operator's command against the
// site's own configuration and database instead of starting the web host, and exits with the
// command's code. Arguments of the form --Section:Key=value stay configuration, as for the web
// host. A feature adds its command with one line in Known.
public static class Commands
{
    private static readonly Dictionary<string, Func<CommandContext, Task<int>>> Known = new(StringComparer.Ordinal)
    {
        ["migrate"] = _ => Task.FromResult(0), // the migration itself happens for every command, below
        ["import"] = c => Import.ImportCommand.RunAsync(c.Services, c.Args, c.CancellationToken),
        ["export"] = c => Import.ExportCommand.RunAsync(c.Services, c.Args, c.CancellationToken),
        ["users"] = Accounts.UsersCommand.RunAsync,
        ["database"] = DatabaseCommand.RunAsync,
        ["search"] = c => c.Args is ["rebuild"] ? Search.SearchEndpoints.RebuildAsync(c.Services, c.CancellationToken) : c.UsageAsync("search rebuild"),
    };

    // The copy checks that its SQLite source exists before anything migrates (and so creates) it.
    private static readonly HashSet<string> PreparesItself = ["database"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Known.ContainsKey(args[0]);

    // What the host's configuration sees: everything for the web host, only --Key=value for a command.
    public static string[] HostArgs(string[] args) =>
        IsCommand(args) ? [.. args.Where(IsSetting)] : args;

    // Runs the command named by args[0], if any, and says whether one ran.
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!IsCommand(args))
        {
            return false;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        await using var scope = app.Services.CreateAsyncScope();
        // Commands migrate (under the lock, on PostgreSQL) but never seed the demo newsroom: an
        // import goes into the site as it is.
        if (!PreparesItself.Contains(args[0]))
        {
            await DataSetup.PrepareAsync(scope.ServiceProvider.GetRequiredService<BroadsheetDb>(), _ => Task.CompletedTask, cancel.Token);
        }
        var context = new CommandContext(scope.ServiceProvider, [.. args.Skip(1).Where(a => !IsSetting(a))],
            Console.In, Console.Out, Console.Error, IsInteractive: !Console.IsInputRedirected, cancel.Token);
        Environment.ExitCode = await Known[args[0]](context);
        return true;
    }

    private static bool IsSetting(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal);
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

    public async Task<int> UsageAsync(string usage)
    {
        await Error.WriteLineAsync("usage: " + usage);
        return 2;
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
