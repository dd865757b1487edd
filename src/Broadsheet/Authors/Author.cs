namespace Broadsheet.Authors;

// A byline. Authors are people of the newsroom; accounts that sign in come with the back office.
public class Author
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string Bio { get; set; } = "";

    // Authors imported from WordPress have no password: they are invited to an account later.
    public string? Email { get; set; }
    public string? WordPressLogin { get; set; }
    public int? WordPressId { get; set; }
}
