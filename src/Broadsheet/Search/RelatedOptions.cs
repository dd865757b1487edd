using System.ComponentModel.DataAnnotations;

namespace Broadsheet.Search;

// Operator settings of the "Related" section.
public sealed class RelatedOptions
{
    public const string Section = "Related";

    // How many tags' windows (TagWindows) one node keeps in memory, each at most
    // TagWindows.CandidatesPerTag ids: 4,096 hold at most ~3.3 MB of ids. A site with more tags
    // read often reads the least used again.
    [Range(1, 1_000_000)]
    public int TagWindowsKept { get; set; } = 4096;
}
