using Broadsheet.Authors;
using Microsoft.AspNetCore.Identity;

namespace Broadsheet.Accounts;

// A person of the newsroom who signs in to the back office. Each one writes under a byline
// (Author): the articles of that byline are "their own" for the role rules.
public class StaffUser : IdentityUser
{
    public required string DisplayName { get; set; }
    public int? AuthorId { get; set; }
    public Author? Author { get; set; }
}
