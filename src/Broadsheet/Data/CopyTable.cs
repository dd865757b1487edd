using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Broadsheet.Data;

// One table of the model as the SQLite → PostgreSQL copy sees it. The list comes from EF's
// relational model, never from a hand-kept list, so a table added later is copied without anyone
// remembering to add it; the order satisfies every foreign key between tables.
internal sealed class CopyTable
{
    public required string Name { get; init; }
    public required IReadOnlyList<CopyColumn> Columns { get; init; }
    public required IReadOnlyList<string> KeyColumns { get; init; }

    // Constraints that point back into the table itself (a reply's parent comment, a category's
    // parent): no row order is safe for them in general, so they are checked at the end instead.
    public required IReadOnlyList<string> DeferredForeignKeys { get; init; }

    // Rows the migrations put in (HasData): they are in both databases, and the source's win.
    public required int SeedRows { get; init; }

    public static IReadOnlyList<CopyTable> InForeignKeyOrder(IModel source, IModel target)
    {
        var sourceTables = source.GetRelationalModel().Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var remaining = target.GetRelationalModel().Tables.ToList();
        var ordered = new List<CopyTable>();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(t => t.ForeignKeyConstraints
                .All(fk => fk.PrincipalTable == t || ordered.Any(o => o.Name == fk.PrincipalTable.Name))).ToList();
            // Tables that refer to each other in a ring (none today) go together, their keys checked at the end.
            var cycle = ready.Count == 0;
            foreach (var table in cycle ? remaining.ToList() : ready)
            {
                ordered.Add(From(sourceTables[table.Name], table, deferAll: cycle));
                remaining.Remove(table);
            }
        }
        return ordered;
    }

    private static CopyTable From(ITable source, ITable target, bool deferAll) => new()
    {
        Name = target.Name,
        Columns = [.. target.Columns.Select(c => CopyColumn.From(source.FindColumn(c.Name)
            ?? throw new InvalidOperationException($"{target.Name}.{c.Name} is missing from the SQLite model"), c))],
        KeyColumns = target.PrimaryKey is { } key ? [.. key.Columns.Select(c => c.Name)] : [],
        DeferredForeignKeys = [.. target.ForeignKeyConstraints.Where(fk => deferAll || fk.PrincipalTable == target).Select(fk => fk.Name)],
        SeedRows = target.EntityTypeMappings.Sum(m => ((IEntityType)m.TypeBase).GetSeedData().Count()),
    };
}

// A column read from SQLite as EF reads it (its provider type, then its value converter back to
// the model's value) and handed to PostgreSQL as EF would write it (that model's converter).
internal sealed record CopyColumn(string Name, Func<DbDataReader, int, object> Read, Func<object, object> ToTarget)
{
    public static CopyColumn From(IColumn source, IColumn target)
    {
        var sourceMapping = source.PropertyMappings[0].TypeMapping;
        var targetMapping = target.PropertyMappings[0].TypeMapping;
        var providerType = sourceMapping.Converter?.ProviderClrType ?? sourceMapping.ClrType;
        var read = typeof(CopyColumn).GetMethod(nameof(ReadAs), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(Nullable.GetUnderlyingType(providerType) ?? providerType)
            .CreateDelegate<Func<DbDataReader, int, object>>();
        var fromSource = sourceMapping.Converter?.ConvertFromProvider;
        var toTarget = targetMapping.Converter?.ConvertToProvider;
        return new CopyColumn(target.Name, read, value => AsUtc(toTarget is null ? Model(value) : toTarget(Model(value))!));

        object Model(object value) => fromSource is null ? value : fromSource(value)!;
    }

    private static object ReadAs<T>(DbDataReader reader, int ordinal) => reader.GetFieldValue<T>(ordinal)!;

    // SQLite keeps no time zone and PostgreSQL's timestamptz takes UTC only; every time the
    // site stores is UTC (BroadsheetDb's converter), so this only names what is already true.
    private static object AsUtc(object value) => value switch
    {
        DateTime { Kind: DateTimeKind.Unspecified } time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        DateTime { Kind: DateTimeKind.Local } time => time.ToUniversalTime(),
        DateTimeOffset time => time.ToUniversalTime(),
        _ => value,
    };
}
