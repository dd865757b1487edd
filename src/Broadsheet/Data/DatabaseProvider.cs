namespace Broadsheet.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseProviders
{
    // Database:Provider, "Sqlite" (the default) or "Postgres".
    public static DatabaseProvider From(IConfiguration configuration)
    {
        var name = configuration["Database:Provider"];
        return string.IsNullOrEmpty(name) ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider
            : throw new InvalidOperationException($"Database:Provider '{name}' is not known; use 'Sqlite' (the default) or 'Postgres'.");
    }
}
