using System.ComponentModel.DataAnnotations;

namespace Broadsheet.Accounts;

// Operator settings of the "Accounts" section.
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    // OWASP's current figure for PBKDF2-HMAC-SHA256 (Identity's default is 100,000). Only the test
    // suite lowers it, to create many users quickly.
    public const int DefaultPasswordHashIterations = 600_000;

    [Range(1, 10_000_000)]
    public int PasswordHashIterations { get; set; } = DefaultPasswordHashIterations;

    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;
}
