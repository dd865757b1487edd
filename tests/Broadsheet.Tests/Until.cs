namespace Broadsheet.Tests;

// Waits on a condition, never on a duration: for work the app does in the background.
public static class Until
{
    public static async Task TrueAsync(Func<Task<bool>> condition, int timeoutSeconds = 10)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        while (!await condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
