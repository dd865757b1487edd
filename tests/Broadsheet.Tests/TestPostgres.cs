using Npgsql;

namespace Broadsheet.Tests;

// Gives each test app its own throwaway database on the PostgreSQL server named by
// BROADSHEET_TEST_POSTGRES, so tests on PostgreSQL are as isolated as those on SQLite files.
internal static class TestPostgres
{
    public static string? ServerConnectionString { get; } =
        Environment.GetEnvironmentVariable("BROADSHEET_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    public static string CreateDatabase()
    {
        var name = $"broadsheet_test_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE \"{name}\"");
        return name;
    }

    public static void DropDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    // Database names cannot be parameters; they are generated above, never taken from input.
    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres" }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
