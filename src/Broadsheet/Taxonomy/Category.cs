namespace Broadsheet.Taxonomy;

// A section of the paper. Every article has exactly one; categories may nest, as in WordPress.
public class Category
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string Description { get; set; } = "";
    public int? ParentId { get; set; }
    public Category? Parent { get; set; }
    public int? WordPressId { get; set; }
}
