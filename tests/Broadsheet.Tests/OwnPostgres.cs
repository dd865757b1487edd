using System.Diagnostics;
using Npgsql;

namespace Broadsheet.Tests;

// A PostgreSQL server of the test class's own (a class fixture), for tests that stop and start the
// real server in the middle of a run: the shared server of the suite must not go away under other
// classes. initdb costs about two seconds, so one server serves the whole class; each test still
// gets a database of its own. Only on the PostgreSQL pass (BROADSHEET_TEST_POSTGRES set), where
// Debian's server binaries are installed. initdb refuses root, and CI runs as root: as test.sh,
// the server then runs as the postgres user.
public sealed class OwnPostgres : IAsyncLifetime
{
    private string? _dataDirectory;

    public int Port { get; private set; }

    public string ServerConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=broadsheet";

    public async ValueTask InitializeAsync()
    {
        if (!BroadsheetApp.IsPostgres)
        {
            return;
        }
        _dataDirectory = Directory.CreateTempSubdirectory("broadsheet-own-pg-").FullName;
        if (IsRoot)
        {
            await RunAsync("chown", "postgres", _dataDirectory);
        }
        await RunAsPostgresAsync("initdb", "-D", _dataDirectory, "-U", "broadsheet", "--auth=trust", "-E", "UTF8");
        Port = FreePorts.Next();
        await StartAsync();
    }

    // As an operator's `systemctl start postgresql`: same data, same port.
    public Task StartAsync() =>
        RunAsPostgresAsync("pg_ctl", "-D", _dataDirectory!, "-l", Path.Combine(_dataDirectory!, "server.log"), "-w", "-o",
            $"-h 127.0.0.1 -p {Port} -k {_dataDirectory} -c fsync=off", "start");

    // "fast": the server ends every session and shuts down cleanly, as `systemctl stop` does;
    // "immediate": as a crash, with recovery from the write-ahead log at the next start.
    public Task StopAsync(string mode = "fast") => RunAsPostgresAsync("pg_ctl", "-D", _dataDirectory!, "-m", mode, "-w", "stop");

    public string CreateDatabase()
    {
        var name = $"broadsheet_outage_{Guid.NewGuid():N}";
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        // Database names cannot be parameters; this one is generated above, never taken from input.
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        command.ExecuteNonQuery();
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataDirectory is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await RunAsPostgresAsync("pg_ctl", "-D", _dataDirectory, "-m", "immediate", "-w", "stop");
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string Binaries =>
        Directory.GetDirectories("/usr/lib/postgresql")
            .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)
            .Select(d => Path.Combine(d, "bin"))
            .First(Directory.Exists);

    private static Task RunAsPostgresAsync(string tool, params string[] arguments) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Binaries, tool), .. arguments])
            : RunAsync(Path.Combine(Binaries, tool), arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {await output}{await errors}");
        }
    }

}
