using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace Broadsheet.Data;

// Finds the migrations and the model snapshot as EF Core does, but loads only those classes.
// EF's own search loads every type of the app to test it, and with them assemblies a node may
// never use (the Redis client, SkiaSharp): several MB of resident memory from the first start.
// Here the app's metadata is read to pick the classes that derive from Migration or
// ModelSnapshot, and only those are loaded and then tested like EF does. Where the assembly has
// no file to read (a single-file build), EF's own search runs.
#pragma warning disable EF1001 // MigrationsAssembly is EF's internal implementation; we change only how types are found.
internal sealed class MigrationTypes(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger) : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    private readonly Type _contextType = currentContext.Context.GetType();
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;

    public override IReadOnlyDictionary<string, TypeInfo> Migrations =>
        _migrations ??= Candidates() is { } candidates
            ? new SortedList<string, TypeInfo>(candidates
                .Where(type => type.IsSubclassOf(typeof(Migration)) && IsForThisContext(type))
                .Select(type => (Id: type.GetCustomAttribute<MigrationAttribute>()?.Id, Type: type))
                .Where(migration => migration.Id is not null)
                .ToDictionary(migration => migration.Id!, migration => migration.Type), StringComparer.Ordinal)
            : base.Migrations;

    public override ModelSnapshot? ModelSnapshot =>
        _snapshot ??= Candidates() is { } candidates
            ? candidates.Where(type => type.IsSubclassOf(typeof(ModelSnapshot)) && IsForThisContext(type))
                .Select(type => (ModelSnapshot)Activator.CreateInstance(type)!).FirstOrDefault()
            : base.ModelSnapshot;

    private bool IsForThisContext(TypeInfo type) =>
        type.GetCustomAttribute<DbContextAttribute>(inherit: false)?.ContextType == _contextType;

    // The app's classes whose base class is named Migration or ModelSnapshot, read from metadata.
    private List<TypeInfo>? Candidates()
    {
        if (Assembly.Location is not { Length: > 0 } path || !File.Exists(path))
        {
            return null;
        }
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        var found = new List<TypeInfo>();
        foreach (var handle in metadata.TypeDefinitions)
        {
            var definition = metadata.GetTypeDefinition(handle);
            if (definition.BaseType.Kind != HandleKind.TypeReference || definition.GetDeclaringType() is { IsNil: false })
            {
                continue;
            }
            var baseName = metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)definition.BaseType).Name);
            if (baseName is nameof(Migration) or nameof(ModelSnapshot)
                && Assembly.GetType(metadata.GetString(definition.Namespace) + "." + metadata.GetString(definition.Name)) is { } type)
            {
                found.Add(type.GetTypeInfo());
            }
        }
        return found;
    }
}
#pragma warning restore EF1001
