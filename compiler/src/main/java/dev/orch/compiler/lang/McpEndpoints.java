package dev.orch.compiler.lang;

import java.net.URI;
import java.util.Locale;

/** Where an `mcp` url points, for the grant it needs (decision 7): loopback needs none, any other host `net:HOST`. */
public final class McpEndpoints {
    private McpEndpoints() {}

    /** The URL's host in lower case, or null when it is not an http or https URL with a host. */
    public static String host(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) return null;
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        } catch (Exception e) {
            return null;
        }
    }

    public static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}");
    }
}
