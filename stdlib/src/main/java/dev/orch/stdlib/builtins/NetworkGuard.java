package dev.orch.stdlib.builtins;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.Connection;
import okhttp3.Dns;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * What `http()` may reach (the contract's decision 7): public addresses with `--allow net`, and a loopback, private,
 * link-local or metadata address only by its host's name with `--allow net:HOST`. The check is made on the addresses
 * a name resolves to, so every spelling of 127.0.0.1 (`2130706433`, `0x7f.1`, a DNS name that points there) is the
 * same address; and again on the address each connection really reached, for every hop of a redirect, since a
 * redirect's target is checked as if the script had named it.
 */
final class NetworkGuard implements Dns, Interceptor {
    /** The addresses a script reached without a grant for them, as a message names them. */
    static final class Refused extends UnknownHostException {
        Refused(String host, InetAddress address, String what) {
            super(host + (host.equals(address.getHostAddress()) ? "" : " (" + address.getHostAddress() + ")") + " is "
                    + what + "; only --allow net:" + host + " lets a script reach it");
        }
    }

    private final Set<String> hosts;

    private NetworkGuard(Set<String> hosts) {
        this.hosts = hosts;
    }

    /** A client for one `http()` call under {@code allowed}: the shared pool, this guard on every hop. */
    static OkHttpClient client(OkHttpClient shared, Set<String> allowed) {
        Set<String> hosts = allowed.stream().filter(a -> a.startsWith("net:"))
                .map(a -> a.substring(4).toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
        NetworkGuard guard = new NetworkGuard(hosts);
        return shared.newBuilder().dns(guard).addNetworkInterceptor(guard).build();
    }

    @Override
    public List<InetAddress> lookup(String host) throws UnknownHostException {
        List<InetAddress> addresses = Dns.SYSTEM.lookup(host);
        for (InetAddress a : addresses) check(host, a);
        return addresses;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Connection connection = chain.connection();
        if (connection != null) check(chain.request().url().host(), connection.route().socketAddress().getAddress());
        return chain.proceed(chain.request());
    }

    private void check(String host, InetAddress address) throws Refused {
        if (hosts.contains(host.toLowerCase(Locale.ROOT))) return;
        String what = internal(address);
        if (what != null) throw new Refused(host, address, what);
    }

    /** What kind of address a script may not reach without naming it, or null for a public one. */
    static String internal(InetAddress a) {
        byte[] b = a.getAddress();
        if (a.isLoopbackAddress()) return "a loopback address";
        if (a.isAnyLocalAddress()) return "the unspecified address (this machine)";
        if (a instanceof Inet4Address && (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254 && (b[2] & 0xff) == 169
                && (b[3] & 0xff) == 254) return "the cloud metadata address";
        if (a.isLinkLocalAddress()) return "a link-local address";
        if (a.isSiteLocalAddress()) return "a private address";
        if (a.isMulticastAddress()) return "a multicast address";
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) return "the unspecified address (this machine)";
            if (first == 100 && second >= 64 && second < 128) return "a private address (shared address space)";
        }
        if (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) return "a private address (unique local)";
        return null;
    }
}
