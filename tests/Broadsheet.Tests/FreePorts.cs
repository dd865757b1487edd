using System.Net;
using System.Net.Sockets;

namespace Broadsheet.Tests;

// A loopback port nothing listens on now, for a server a test starts itself (Redis, PostgreSQL,
// the app as a process). The system picks it; it stays free until that server binds it, barring
// a race no test here has met.
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
