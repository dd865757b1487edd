using System.ComponentModel.DataAnnotations;

namespace Broadsheet.Data;

// Operator settings of the "Broadsheet" section (environment: Broadsheet__DataDirectory, …).
public sealed class DataOptions
{
    public const string Section = "Broadsheet";

    // Holds the SQLite database and the data-protection keys. Relative paths are taken from the
    // working directory, so `dotnet run` in a fresh clone creates ./data and nothing else.
    [Required]
    public string DataDirectory { get; set; } = "data";

    // First start on an empty database fills it with a small newsroom of sample articles.
    public bool DemoContent { get; set; } = true;

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}
