namespace Broadsheet.Import;

// export wordpress OUT.xml | export json OUT.json
public static class ExportCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync("usage: export wordpress OUT.xml | export json OUT.json");
        return 2;
    }
}
