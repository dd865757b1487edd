namespace Broadsheet.Caching;

// Tells what reader pages keep in memory beside the page cache (SiteWideCopy: the sections, the
// bylines) that the article lists may have changed: Version moves whenever the lists or every page
// are evicted, by a write on this node (CacheEviction) or, through Redis, on another (RedisPageStore).
public sealed class ListChanges
{
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    internal void Evicted(string tag)
    {
        if (tag is CacheTags.Lists or ReaderPagePolicy.AllPagesTag)
        {
            Interlocked.Increment(ref _version);
        }
    }

    // Evictions may have been missed (Redis was away): whatever was kept is read again.
    internal void MayHaveMissedSome() => Interlocked.Increment(ref _version);
}
