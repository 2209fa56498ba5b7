using System.Net;
using System.Net.Sockets;

namespace Tadamon.TestSupport;

/// <summary>Where the repository is and which ports are free: what tests that start processes of their own need.</summary>
public static class TestMachine
{
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Platform.sln not found above the test binaries.");
    }

    /// <summary>A port nobody listens on now, at most <paramref name="maximum"/>.</summary>
    public static int FreePort(int maximum = 65535)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (port <= maximum) return port;
        }
    }
}
