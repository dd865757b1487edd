using Broadsheet.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Broadsheet.Tests;

// The real app on a temporary SQLite file with the demo newsroom, on a clock the test controls.
// Each instance has its own data folder, so test classes never see each other's comments.
// With BROADSHEET_TEST_POSTGRES set (a connection string to a server, as test.sh does), the same
// app runs on a fresh PostgreSQL database instead, so the whole suite covers both providers.
public sealed class BroadsheetApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public BroadsheetApp() : this(onPostgres: IsPostgres)
    {
    }

    private BroadsheetApp(bool onPostgres)
    {
        DataDirectory = Directory.CreateTempSubdirectory("broadsheet-tests-").FullName;
        Settings = new Dictionary<string, string?>
        {
            ["Broadsheet:DataDirectory"] = DataDirectory,
            ["Broadsheet:DemoContent"] = "true",
            ["Comments:FloodIntervalSeconds"] = "0",
            // Tests post many comments and sign in often from one address; RateLimitTests turn these on.
            ["RateLimits:CommentsPerMinute"] = "0",
            ["RateLimits:LoginPerMinute"] = "0",
            ["RateLimits:SearchPerMinute"] = "0",
            // Tests create many staff accounts; production keeps 600,000 (AccountTests checks it).
            ["Accounts:PasswordHashIterations"] = "1000",
            // The fake clock wakes every timer at each interval it crosses: an hourly pass keeps
            // a jump of 30 days (comment purge tests) to 720 passes instead of 43,200.
            ["Jobs:IntervalSeconds"] = "3600",
        };
        if (onPostgres)
        {
            _postgresDatabase = TestPostgres.CreateDatabase();
            Settings["Database:Provider"] = "Postgres";
            Settings["ConnectionStrings:Postgres"] = TestPostgres.ConnectionStringFor(_postgresDatabase);
        }
    }

    private readonly string? _postgresDatabase;

    // A site on SQLite in either pass: the source of the SQLite → PostgreSQL copy.
    public static BroadsheetApp OnSqlite() => new(onPostgres: false);

    public static bool IsPostgres => TestPostgres.ServerConnectionString is not null;

    // Add to these in an object initializer, before the first request starts the app.
    public Dictionary<string, string?> Settings { get; }

    public string DataDirectory { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public HttpClient CreateReader(string? ipAddress = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (ipAddress is not null)
        {
            client.DefaultRequestHeaders.Add(TestClientAddress.Header, ipAddress);
        }
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<BroadsheetDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BroadsheetDb>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IStartupFilter, TestClientAddress>();
        });
    }

    // The test server has no network peer; a test names the reader's IP address in a header.
    private sealed class TestClientAddress : IStartupFilter
    {
        public const string Header = "X-Test-Client-IP";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (System.Net.IPAddress.TryParse(context.Request.Headers[Header], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (_postgresDatabase is not null)
        {
            TestPostgres.DropDatabase(_postgresDatabase);
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS: the temp folder is cleaned up by the system later.
        }
    }
}
