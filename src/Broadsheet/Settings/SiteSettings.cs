using System.ComponentModel.DataAnnotations;
using Broadsheet.Comments;
using Broadsheet.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Broadsheet.Settings;

// The editor-facing settings, one row edited in the back office. Until an administrator saves
// them the operator's configuration (appsettings, environment) applies; once saved, this row wins
// for these settings only (the data folder, database and flood interval stay the operator's).
public class SiteSettings
{
    public const int SingleRowId = 1;

    public int Id { get; set; } = SingleRowId;

    [Required, MaxLength(200)]
    public string Title { get; set; } = "";

    [MaxLength(300)]
    [Required(AllowEmptyStrings = true), DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Tagline { get; set; } = "";

    [Required, MaxLength(100)]
    public string TimeZone { get; set; } = "UTC";

    [Range(1, 100)]
    public int PageSize { get; set; } = 10;

    public bool CommentsOpenByDefault { get; set; } = true;
    public ModerationPolicy Moderation { get; set; } = ModerationPolicy.FirstTime;

    // 0: never close.
    [Range(0, 36_500)]
    public int CloseCommentsAfterDays { get; set; }

    [Range(1, 10)]
    public int ThreadDepth { get; set; } = 5;

    [Range(1, 1000)]
    public int CommentsPerPage { get; set; } = 50;

    // One word or phrase a line, matched anywhere, ignoring case (as WordPress).
    [MaxLength(20_000)]
    [Required(AllowEmptyStrings = true), DisplayFormat(ConvertEmptyStringToNull = false)]
    public string DisallowedWords { get; set; } = "";

    [MaxLength(20_000)]
    [Required(AllowEmptyStrings = true), DisplayFormat(ConvertEmptyStringToNull = false)]
    public string ModerationWords { get; set; } = "";

    // A comment with this many links or more is held; 0 turns the rule off.
    [Range(0, 100)]
    public int HoldLinkCount { get; set; } = 2;

    public static SiteSettings FromOperator(SiteOptions site, CommentOptions comments) => new()
    {
        Title = site.Title,
        Tagline = site.Tagline,
        TimeZone = site.TimeZone,
        PageSize = site.PageSize,
        Moderation = comments.Moderation,
        ThreadDepth = comments.ThreadDepth,
        CloseCommentsAfterDays = comments.CloseAfterDays,
        CommentsPerPage = comments.CommentsPerPage,
    };

    public SiteOptions ApplyTo(SiteOptions site) => new()
    {
        Title = Title,
        Tagline = Tagline,
        TimeZone = TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _) ? TimeZone : site.TimeZone,
        PageSize = PageSize,
    };

    public CommentOptions ApplyTo(CommentOptions comments) => new()
    {
        Moderation = Moderation,
        FloodIntervalSeconds = comments.FloodIntervalSeconds,
        ThreadDepth = ThreadDepth,
        CloseAfterDays = CloseCommentsAfterDays,
        CommentsPerPage = CommentsPerPage,
    };

    public static IReadOnlyList<string> Lines(string words) =>
        words.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class SiteSettingsMapping : IEntityTypeConfiguration<SiteSettings>
{
    public void Configure(EntityTypeBuilder<SiteSettings> settings)
    {
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.Moderation).HasConversion<string>().HasMaxLength(20);
    }
}
