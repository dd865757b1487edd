using System.ComponentModel.DataAnnotations;

namespace Broadsheet.Feeds;

// Operator settings of the "Feeds" section.
public sealed class FeedOptions
{
    public const string Section = "Feeds";

    // Full text is WordPress's default and what feed readers expect; false sends only the excerpt,
    // for papers that want readers to come to the site.
    public bool FullText { get; set; } = true;

    [Range(1, 100)]
    public int ItemCount { get; set; } = 20;
}
