package dev.orch.compiler.check;

import dev.orch.compiler.lang.Provider;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a model sends the script's prompts and which environment variable it takes its key from (the contract's
 * decisions 7 and 8): a `base_url` that is neither the provider's default nor a loopback address needs
 * `--allow net:HOST` (or `--allow net`), so a script cannot post what it read to a host of its choosing; an
 * `api_key_env` that does not look like a credential (ending in `_KEY`, `_TOKEN`, `_SECRET`, `PASSWORD`) needs
 * `--allow env:NAME`, so a script cannot send `HOME` or any other variable as a bearer token. The checker reports
 * these for a script, `orch run PLAN.json` for a plan.
 */
public final class ModelGrants {
    /** One missing grant: what is wrong, and the `--allow` value that grants it. */
    public record Missing(String message, String flag) {}

    private static final Pattern CREDENTIAL = Pattern.compile(".*(_KEY|_TOKEN|_SECRET|PASSWORD)");
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private ModelGrants() {}

    /** What {@code model} needs that {@code allowed} does not grant; empty when nothing is missing. */
    public static List<Missing> missing(String model, String provider, String baseUrl, String keyVariable,
                                        Set<String> allowed) {
        List<Missing> missing = new ArrayList<>();
        String host = baseUrl == null ? null : host(baseUrl);
        if (host != null && !isDefault(provider, host) && !isLoopback(host)
                && !allowed.contains("net") && !allowed.contains("net:" + host)) {
            missing.add(new Missing("model '" + model + "' sends its prompts to " + host + ", which is neither " + provider
                    + "'s own host nor a loopback address: that needs `--allow net:" + host + "`", "net:" + host));
        }
        // A value that is no variable name at all (a key pasted in) has its own error.
        if (keyVariable != null && keyVariable.matches("[A-Za-z_][A-Za-z0-9_]*") && !looksLikeCredential(keyVariable) && !allowed.contains("env:" + keyVariable)) {
            missing.add(new Missing("model '" + model + "' would send the environment variable " + keyVariable
                    + " as its API key, and it does not look like a credential (a name ending in _KEY, _TOKEN, _SECRET "
                    + "or PASSWORD): that needs `--allow env:" + keyVariable + "`", "env:" + keyVariable));
        }
        return missing;
    }

    /** The variable a provider takes its key from when the model names none: OPENAI_API_KEY, ANTHROPIC_API_KEY. */
    public static String defaultKeyVariable(String provider) {
        return switch (provider) {
            case "openai" -> "OPENAI_API_KEY";
            case "anthropic" -> "ANTHROPIC_API_KEY";
            default -> null;
        };
    }

    /**
     * Why `env(NAME)` needs `--allow env:NAME` (decision 8): the variable looks like a credential, or a model takes
     * its API key from it; null when any script may read it.
     */
    public static String envGrantNeeded(String variable, java.util.Collection<String> modelKeys) {
        if (modelKeys.contains(variable)) return "reads the variable a model takes its API key from";
        if (looksLikeCredential(variable)) return "reads a variable that looks like a credential (its name ends in _KEY, _TOKEN, _SECRET or PASSWORD)";
        return null;
    }

    public static boolean looksLikeCredential(String variable) {
        return CREDENTIAL.matcher(variable.toUpperCase(Locale.ROOT)).matches();
    }

    /** The host a base URL names, lower case, or null when it names none (the provider reports a bad URL). */
    static String host(String baseUrl) {
        try {
            String host = new URI(baseUrl.strip()).getHost();
            if (host == null) return null;
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean isDefault(String provider, String host) {
        Provider p = Provider.find(provider);
        return p != null && p.defaultBaseUrl != null && host.equals(host(p.defaultBaseUrl));
    }

    /** A loopback address as written: `localhost`, 127.x.x.x, ::1. A name that resolves there is not trusted. */
    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || IPV4_LOOPBACK.matcher(host).matches()
                || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }
}
