using System.ComponentModel.DataAnnotations;

namespace Broadsheet.Operations;

// Operator settings of the "RateLimits" section: how many requests one client address may make in
// a minute to the endpoints that attract abuse. Generous, so that no reader ever meets them; 0
// turns a limit off. Behind a proxy, set Operations:KnownProxies, or every reader shares the
// proxy's address and so one allowance.
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    // Comment posts (the comment form of an article). The flood check in the database still
    // spaces one reader's comments (Comments:FloodIntervalSeconds); this stops a torrent of posts.
    [Range(0, 100_000)]
    public int CommentsPerMinute { get; set; } = 10;

    // Sign-in attempts (POST /admin/login): slows down password guessing.
    [Range(0, 100_000)]
    public int LoginPerMinute { get; set; } = 10;

    // Searches: each one queries the database, so a scraper cannot turn it into a load test.
    [Range(0, 100_000)]
    public int SearchPerMinute { get; set; } = 60;
}
