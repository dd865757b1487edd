namespace Broadsheet.Shared;

// Maintenance commands: `dotnet run --project src/Broadsheet -- search rebuild`. When the
// arguments start with a known command, it runs against the prepared database and the process
// exits instead of serving. Each feature adds its command as one line in the table below.
public static class Commands
{
    private static readonly Dictionary<string, Func<IServiceProvider, CancellationToken, Task<int>>> Known = new()
    {
        ["search rebuild"] = Search.SearchEndpoints.RebuildAsync,
    };

    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        var words = string.Join(' ', args.TakeWhile(arg => !arg.StartsWith('-')).Take(2));
        if (!Known.TryGetValue(words, out var command))
        {
            return false;
        }
        await using var scope = app.Services.CreateAsyncScope();
        Environment.ExitCode = await command(scope.ServiceProvider, app.Lifetime.ApplicationStopping);
        return true;
    }
}
