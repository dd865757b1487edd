namespace Broadsheet.Caching;

// A reader's GET on its way through the output cache. The tier tells it which stored page the
// request read or stored (the output cache's key is its own), so that ReadyPages can keep the
// answer beside that very page; and it remembers the tier's generation from before the page was
// looked up or rendered, so that a page rendered across an eviction is not kept.
internal sealed class PageInFlight
{
    private static readonly AsyncLocal<PageInFlight?> InThisRequest = new();

    private PageInFlight(long generation) => Generation = generation;

    // Flows with the request into the store's calls, which run in its execution context; a request
    // that only joins another one's lookup or rendering is told nothing, and keeps nothing.
    public static PageInFlight? Current => InThisRequest.Value;

    public long Generation { get; }

    public string? Key { get; private set; }

    public LocalPageTier.StoredPage? Stored { get; private set; }

    // Set for the rest of the calling async method only (an AsyncLocal set inside an async method
    // is undone when it returns).
    public static PageInFlight Begin(LocalPageTier tier) => InThisRequest.Value = new PageInFlight(tier.Generation);

    public void Saw(string key, LocalPageTier.StoredPage stored)
    {
        Key = key;
        Stored = stored;
    }
}
