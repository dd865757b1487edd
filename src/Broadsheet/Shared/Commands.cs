using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Shared;

// `dotnet run -- <command> …` runs an operator's command against the site's own configuration and
// database instead of starting the web host. A feature adds its command with one line in Known.
// Arguments of the form --Section:Key=value stay configuration, as for the web host.
public static class Commands
{
    public delegate Task<int> Command(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken);

    private static readonly Dictionary<string, Command> Known = new(StringComparer.Ordinal)
    {
        ["import"] = Import.ImportCommand.RunAsync,
        ["export"] = Import.ExportCommand.RunAsync,
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && Known.ContainsKey(args[0]);

    // What the host's configuration sees: everything for the web host, only --Key=value for a command.
    public static string[] HostArgs(string[] args) =>
        IsCommand(args) ? [.. args.Where(IsSetting)] : args;

    // Runs the command named by args[0], if any, and says whether one ran (its exit code is the process's).
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!IsCommand(args))
        {
            return false;
        }
        await using var scope = app.Services.CreateAsyncScope();
        // Commands migrate but never seed the demo newsroom: an import goes into the site as it is.
        await scope.ServiceProvider.GetRequiredService<BroadsheetDb>().Database.MigrateAsync();
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var rest = args.Skip(1).Where(a => !IsSetting(a)).ToList();
        Environment.ExitCode = await Known[args[0]](scope.ServiceProvider, rest, cancel.Token);
        return true;
    }

    private static bool IsSetting(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal);
}
