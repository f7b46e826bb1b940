package dev.orch.cli;

import dev.orch.stdlib.provider.Env;
import dev.orch.temporal.TemporalSecurity;
import dev.orch.temporal.TemporalTarget;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Temporal service a command connects to, and how: each of {@link TemporalOptions} as given, else the variable
 * Temporal's own clients read (docs.temporal.io, "Environment configuration"), else the dev server's default. The
 * one place where options and environment become a {@link TemporalTarget}, for the worker and every client command.
 * Older names the `temporal` CLI still reads (TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY, TEMPORAL_TLS_CA) count where the
 * current ones are not set.
 */
final class TemporalAccess {
    static final String ADDRESS = "TEMPORAL_ADDRESS";
    static final String NAMESPACE = "TEMPORAL_NAMESPACE";
    static final String API_KEY = "TEMPORAL_API_KEY";
    static final String TLS = "TEMPORAL_TLS";
    static final String CERT = "TEMPORAL_TLS_CLIENT_CERT_PATH";
    static final String KEY = "TEMPORAL_TLS_CLIENT_KEY_PATH";
    static final String CA = "TEMPORAL_TLS_SERVER_CA_CERT_PATH";
    static final String SERVER_NAME = "TEMPORAL_TLS_SERVER_NAME";

    private TemporalAccess() {}

    /** A value and where it came from, for the messages: `--tls-cert` or `$TEMPORAL_TLS_CLIENT_CERT_PATH`. */
    private record Setting(String value, String from) {}

    /** The target, or null after saying in one line what is wrong with the options or the environment (exit 2). */
    static TemporalTarget resolve(TemporalOptions o, String taskQueue, Env env, PrintWriter err) {
        Setting address = setting(o.address, "--temporal", env, ADDRESS);
        Setting namespace = setting(o.namespace, "--namespace", env, NAMESPACE);
        Setting cert = setting(text(o.tlsCert), "--tls-cert", env, CERT, "TEMPORAL_TLS_CERT");
        Setting key = setting(text(o.tlsKey), "--tls-key", env, KEY, "TEMPORAL_TLS_KEY");
        Setting ca = setting(text(o.tlsCa), "--tls-ca", env, CA, "TEMPORAL_TLS_CA");
        Setting serverName = setting(o.tlsServerName, "--tls-server-name", env, SERVER_NAME);
        Setting apiKey = setting(null, null, env, API_KEY);
        Setting tls = o.tls != null ? new Setting(o.tls.toString(), o.tls ? "--tls" : "--no-tls") : setting(null, null, env, TLS);
        if (tls != null && !tls.value().equalsIgnoreCase("true") && !tls.value().equalsIgnoreCase("false")) {
            err.println("orch: " + TLS + "=" + tls.value() + " is neither true nor false");
            return null;
        }
        if (cert != null && key == null) {
            err.println("orch: " + cert.from() + " gives a client certificate without its key: give --tls-key FILE (or " + KEY + ")");
            return null;
        }
        if (key != null && cert == null) {
            err.println("orch: " + key.from() + " gives a client key without its certificate: give --tls-cert FILE (or " + CERT + ")");
            return null;
        }
        boolean off = tls != null && tls.value().equalsIgnoreCase("false");
        for (Setting needsTls : new Setting[] {cert, ca, serverName, apiKey}) {
            if (off && needsTls != null) {
                err.println("orch: " + needsTls.from() + (needsTls == apiKey ? " is an API key, which goes only over TLS"
                        : " is for TLS") + ", but " + tls.from() + (tls.from().startsWith("-") ? "" : "=false")
                        + " turns TLS off: drop one of them");
                return null;
            }
        }
        for (Setting file : new Setting[] {cert, key, ca}) {
            if (file != null && unreadable(file, err)) return null;
        }
        TemporalSecurity security = new TemporalSecurity(tls != null && !off, path(cert), path(key), path(ca), value(serverName),
                value(apiKey));
        return new TemporalTarget(value(address), value(namespace), taskQueue, security);
    }

    /** The option if given, else the first of the variables that is set (not blank); null when none is. */
    private static Setting setting(String option, String flag, Env env, String... variables) {
        if (option != null && !option.isBlank()) return new Setting(option, flag);
        for (String v : variables) {
            String value = env.get(v);
            if (value != null && !value.isBlank()) return new Setting(value.strip(), "$" + v);
        }
        return null;
    }

    private static boolean unreadable(Setting file, PrintWriter err) {
        Path p = Path.of(file.value());
        String problem = !Files.exists(p) ? "no such file" : Files.isDirectory(p) ? "a folder, not a file"
                : !Files.isReadable(p) ? "not readable by this user" : null;
        if (problem == null) return false;
        String what = switch (file.from().replace("$", "")) {
            case "--tls-cert", CERT, "TEMPORAL_TLS_CERT" -> "the client certificate";
            case "--tls-key", KEY, "TEMPORAL_TLS_KEY" -> "the client key";
            default -> "the CA certificates";
        };
        err.println("orch: " + file.from() + " " + file.value() + " (" + what + "): " + problem);
        return true;
    }

    private static String text(Path p) {
        return p == null ? null : p.toString();
    }

    private static Path path(Setting s) {
        return s == null ? null : Path.of(s.value());
    }

    private static String value(Setting s) {
        return s == null ? null : s.value();
    }
}
