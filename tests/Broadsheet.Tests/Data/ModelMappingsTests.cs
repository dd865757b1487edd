using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Broadsheet.Tests.Data;

// BroadsheetDb names its entity mappings one by one (so that building the model loads only the
// types it needs): a mapping added to the app but not to that list must not go unnoticed.
public class ModelMappingsTests
{
    [Fact]
    public void The_model_has_every_entity_mapping_in_the_app()
    {
        var listed = new ModelBuilder(SqliteConventionSetBuilder.Build());
        foreach (var mapping in BroadsheetDb.Mappings)
        {
            mapping(listed);
        }
        var everyMapping = new ModelBuilder(SqliteConventionSetBuilder.Build());
        everyMapping.ApplyConfigurationsFromAssembly(typeof(BroadsheetDb).Assembly);

        var expected = Describe(everyMapping);
        var actual = Describe(listed);
        var differences = expected.Except(actual).Concat(actual.Except(expected)).Take(5).ToList();

        Assert.True(differences.Count == 0,
            "BroadsheetDb.Mappings misses an IEntityTypeConfiguration of the app; the model differs in: " + string.Join(" | ", differences));
    }

    private static string[] Describe(ModelBuilder builder) =>
        ((IReadOnlyModel)builder.Model).ToDebugString(MetadataDebugStringOptions.LongDefault)
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
