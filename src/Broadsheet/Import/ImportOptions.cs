using System.ComponentModel.DataAnnotations;

namespace Broadsheet.Import;

// Operator settings of the "Import" section: how the old WordPress site shaped its addresses
// (Settings → Permalinks there), so that every old link can be answered here.
public sealed class ImportOptions
{
    public const string Section = "Import";

    [Required]
    public string PermalinkStructure { get; set; } = "/%year%/%monthnum%/%day%/%postname%/";

    [Required]
    public string CategoryBase { get; set; } = "category";

    [Required]
    public string TagBase { get; set; } = "tag";
}
