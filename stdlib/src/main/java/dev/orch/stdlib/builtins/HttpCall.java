package dev.orch.stdlib.builtins;

import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.provider.http.HttpClients;
import dev.orch.stdlib.provider.http.ReplyBody;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Locale;
import java.util.Map;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * `http(url, method:, headers:, body:)` on the shared OkHttp client: the response body as text. A status outside
 * 2xx, or no response at all, is a `tool` error naming the status and the start of the body. A text body is sent as
 * it is (text/plain unless a Content-Type header says otherwise); a list or map is sent as JSON. A loopback, private,
 * link-local or metadata address, on any hop of a redirect, needs `--allow net:HOST` ({@link NetworkGuard}); the
 * body is read up to 16 MB.
 */
final class HttpCall {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

    private HttpCall() {}

    static Value call(BuiltinFunction.Args a) throws BuiltinException, InterruptedException {
        a.grants().require(Builtin.HTTP);
        String url = Builtins.text(a, 0);
        String method = a.options().get("method") == null ? "GET" : Values.show(a.options().get("method")).toUpperCase(Locale.ROOT);
        Request.Builder request;
        try {
            request = new Request.Builder().url(url);
        } catch (IllegalArgumentException e) {
            throw new BuiltinException(ErrorKind.TOOL, "http(\"" + url + "\"): not a valid http or https URL");
        }
        MediaType type = null;
        if (a.options().get("headers") instanceof Value.MapOf headers) {
            for (Map.Entry<String, Value> h : headers.entries().entrySet()) {
                request.header(h.getKey(), Values.show(h.getValue()));
                if (h.getKey().equalsIgnoreCase("Content-Type")) type = MediaType.parse(Values.show(h.getValue()));
            }
        }
        Value body = a.options().get("body");
        RequestBody payload = null;
        if (body != null && !(body instanceof Value.Null)) {
            boolean structured = body instanceof Value.ListOf || body instanceof Value.MapOf;
            payload = RequestBody.create(Values.show(body), type != null ? type : structured ? JSON : TEXT);
        } else if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            payload = RequestBody.create(new byte[0]);
        }
        request.method(method, payload);
        Call call = NetworkGuard.client(HttpClients.shared(), a.grants().allowed()).newCall(request.build());
        try (Response response = call.execute()) {
            String text = response.body() == null ? "" : ReplyBody.text(response.body(), ReplyBody.bytes(ReplyBody.DEFAULT_LIMIT_MB));
            if (!response.isSuccessful()) {
                throw new BuiltinException(ErrorKind.TOOL, method + " " + url + " answered " + response.code()
                        + (text.isBlank() ? "" : ": " + abbreviate(text)));
            }
            return new Value.Text(text);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            throw new BuiltinException(ErrorKind.TOOL, method + " " + url + ": no answer in time");
        } catch (NetworkGuard.Refused e) {
            throw new BuiltinException(ErrorKind.TOOL, method + " " + url + " refused: " + e.getMessage());
        } catch (ReplyBody.TooLarge e) {
            throw new BuiltinException(ErrorKind.TOOL, method + " " + url + ": the body is larger than "
                    + ReplyBody.TooLarge.megabytes(e.limit()) + "; Orch stopped reading it there");
        } catch (IOException e) {
            throw new BuiltinException(ErrorKind.TOOL, method + " " + url + " failed: " + e.getMessage());
        }
    }

    private static String abbreviate(String s) {
        String one = s.strip().replace('\n', ' ');
        return one.length() <= 200 ? one : one.substring(0, 200) + "...";
    }
}
