using Broadsheet.Articles;

namespace Broadsheet.Tests.Articles;

public class SlugsTests
{
    [Theory]
    [InlineData("Harbour & Rail: a Single Ticket", "harbour-rail-a-single-ticket")]
    [InlineData("  Café society's  new   chapter! ", "cafe-societys-new-chapter")]
    [InlineData("Ångström, Straße und Øl", "angstrom-straße-und-øl")]
    [InlineData("港口 新闻", "港口-新闻")]
    [InlineData("---", "")]
    public void Titles_become_lower_case_hyphenated_slugs(string title, string slug) =>
        Assert.Equal(slug, Slugs.From(title));

    [Fact]
    public void The_result_does_not_depend_on_the_current_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("tr-TR");
            Assert.Equal("istanbul-is-quiet", Slugs.From("ISTANBUL IS QUIET"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Slugs_are_capped_in_length() =>
        Assert.Equal(Slugs.MaxLength, Slugs.From(new string('a', 500)).Length);

    [Fact]
    public async Task A_taken_slug_gets_the_next_free_number()
    {
        var taken = new HashSet<string> { "tide-report", "tide-report-2" };

        var slug = await Slugs.UniqueAsync("tide-report", s => Task.FromResult(taken.Contains(s)));

        Assert.Equal("tide-report-3", slug);
    }
}
