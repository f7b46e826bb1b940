package dev.orch.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Why a connection to Temporal failed, in one line that says what to change: the service is not there, the TLS
 * handshake failed (and on which side: the service's certificate, its name, the client's certificate, a service
 * that does not speak TLS), or the service refused the client's credentials.
 */
final class ConnectFailure {
    private ConnectFailure() {}

    static TemporalUnavailable of(TemporalTarget target, RuntimeException e) {
        TemporalSecurity security = target.security();
        String at = target.address() + security.described(); // the namespace plays no part in reaching the service
        Status.Code code = e instanceof StatusRuntimeException s ? s.getStatus().getCode() : null;
        if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED) {
            return new TemporalUnavailable("Temporal at " + target.where() + " refused this client ("
                    + TemporalConnection.reason(e) + "): " + (security.apiKey() != null ? "check the API key in TEMPORAL_API_KEY"
                    + (code == Status.Code.PERMISSION_DENIED ? " and that it may use namespace " + target.namespace() : "")
                    : security.clientCert() != null ? "check that its client certificate is one the namespace accepts"
                    : "it may want an API key (TEMPORAL_API_KEY) or a client certificate (--tls-cert, --tls-key)"));
        }
        if (handshake(e)) {
            String why = TemporalConnection.innermost(e);
            // Netty follows this one with a hex dump of the bytes it got.
            if (why.startsWith("not an SSL/TLS record")) why = "not an SSL/TLS record";
            return new TemporalUnavailable("cannot reach Temporal at " + at + ": the TLS handshake failed (" + why
                    + "); " + handshakeHint(target, why));
        }
        String hint = "start one with `temporal server start-dev`, or give --temporal HOST:PORT";
        // The socket opened but the talk failed: a plaintext client at a TLS port looks like this.
        if (!security.tls() && !refused(e)) hint += "; if it takes TLS, give --tls (and --tls-ca FILE for a private CA)";
        return new TemporalUnavailable("cannot reach Temporal at " + at + " (" + TemporalConnection.reason(e) + "): " + hint);
    }

    private static String handshakeHint(TemporalTarget target, String why) {
        String lower = why.toLowerCase(Locale.ROOT);
        TemporalSecurity s = target.security();
        if (lower.contains("certification path") || lower.contains("unable to find valid") || lower.contains("self signed")
                || lower.contains("self-signed") || lower.contains("unknown ca")) {
            return "its certificate is not signed by a CA this client trusts: "
                    + (s.serverCa() == null ? "give --tls-ca FILE, the CA that signed it" : "is " + s.serverCa() + " the CA that signed it?");
        }
        if (lower.contains("subject alternative name") || lower.contains("hostname") || lower.contains("no name matching")) {
            return "its certificate is not for the host in " + target.address()
                    + ": give --tls-server-name NAME, the name the certificate carries";
        }
        if (lower.contains("certificate_required") || lower.contains("certificate required")) {
            return s.clientCert() == null ? "it asks for a client certificate: give --tls-cert FILE and --tls-key FILE"
                    : "it did not take the client certificate " + s.clientCert() + ": is it signed by the CA the service trusts?";
        }
        if (lower.contains("bad_certificate") || lower.contains("certificate_unknown") || lower.contains("unknown_ca")) {
            return "it refused the client certificate " + s.clientCert() + ": is it signed by the CA the service trusts?";
        }
        if (lower.contains("not an ssl/tls record") || lower.contains("wrong_version") || lower.contains("wrong version")) {
            return "it does not seem to speak TLS there: leave out the TLS options for a plaintext service";
        }
        return "check --tls-ca, --tls-server-name, --tls-cert and --tls-key";
    }

    private static boolean handshake(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t.getClass().getName().contains("OpenSslException")) return true;
        }
        return false;
    }

    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException) return true;
            if (t.getClass().getName().endsWith("ConnectException")) return true;
        }
        return false;
    }
}
