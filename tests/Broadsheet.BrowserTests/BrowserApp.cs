using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using OpenQA.Selenium.Chrome;

namespace Broadsheet.BrowserTests;

// The real app on Kestrel (a fresh SQLite folder with demo content, a free loopback port) and
// one headless Chromium reading it, started once for every browser suite. Chromium and
// chromedriver are the system's Debian packages, named by path so Selenium Manager never
// downloads anything.
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("broadsheet-browser-data-");
    private readonly DirectoryInfo _profileDirectory = Directory.CreateTempSubdirectory("broadsheet-browser-profile-");
    private ChromeDriverService? _driverService;
    private ChromeDriver? _driver;

    public BrowserApp() => UseKestrel(0);

    public ChromeDriver Driver => _driver ?? throw new InvalidOperationException("The browser starts in InitializeAsync.");

    public Uri Address(string path) => new(ClientOptions.BaseAddress, path);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Broadsheet:DataDirectory", _dataDirectory.FullName);
        builder.UseSetting("Broadsheet:DemoContent", "true");
        // Every comment shows at once and may follow the last one straight away: the journeys
        // look at the thread, not at moderation or flood control.
        builder.UseSetting("Comments:Moderation", "None");
        builder.UseSetting("Comments:FloodIntervalSeconds", "0");
    }

    public ValueTask InitializeAsync()
    {
        StartServer();
        _driverService = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        _driverService.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1280,1000", $"--user-data-dir={_profileDirectory.FullName}");
        _driver = new ChromeDriver(_driverService, options, TimeSpan.FromSeconds(30));
        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        _driver?.Quit();
        _driver?.Dispose();
        _driverService?.Dispose();
        await base.DisposeAsync();
        // Pooled connections keep the database file open; let it go before deleting the folder.
        SqliteConnection.ClearAllPools();
        _dataDirectory.Delete(recursive: true);
        _profileDirectory.Delete(recursive: true);
    }
}

// Suites in this collection share the one browser, so they run one after another.
[CollectionDefinition(nameof(BrowserJourneys))]
public sealed class BrowserJourneys : ICollectionFixture<BrowserApp>;
