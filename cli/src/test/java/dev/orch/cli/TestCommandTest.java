package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** `orch test` as a user meets it: one line a test, the values of a failed expectation, exit codes, JUnit XML. */
class TestCommandTest {
    private static final String REVIEW = """
            // A review loop: the reviewer runs until it approves.
            model fast = mock(rules: { "round 2": "APPROVED", ".*": "needs work" })

            agent reviewer { model: fast, system: "You review drafts." }

            workflow main(rounds: number = 3) {
              var verdict = ""
              var n = 0
              loop max rounds {
                n = n + 1
                verdict = reviewer("Review round {n}")
                if verdict contains "APPROVED" {
                  break
                }
              }
              print "rounds: {n}"
              return "approved after {n} rounds"
            }

            test "approves after two rounds" {
              result = main()
              expect result contains "approved after 2 rounds"
              expect calls(reviewer) == 2, "the reviewer runs once a round"
            }
            """;

    private static final String STUBBORN = """

            test "a stubborn reviewer" {
              model fast = mock(rules: { ".*": "needs work" })
              result = main()
              expect calls(reviewer) == 2, "deliberately wrong: it runs three rounds"
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aPassingTestIsOneLineAndExitZero() throws IOException {
        Path script = write("review.orch", REVIEW);
        CliRun run = CliRun.of("test", script.toString());
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stdout()).matches("(?s)PASS " + quoted(script) + "  approves after two rounds  \\(\\d+ms\\)\n1 passed, 0 failed\n");
        assertThat(dir.resolve(".orch")).as("no run store").doesNotExist();
    }

    @Test
    void aFailedExpectationShowsItsMessageThenTheValuesAndWhatTheTestPrinted() throws IOException {
        Path script = write("review.orch", REVIEW + STUBBORN);
        CliRun run = CliRun.of("test", script.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("PASS " + script + "  approves after two rounds  (")
                .contains("FAIL " + script + "  a stubborn reviewer  (")
                .contains("""
                            deliberately wrong: it runs three rounds
                            expect calls(reviewer) == 2
                            calls(reviewer) was 3
                            at %s:29:3
                            it printed:
                              rounds: 3
                        """.formatted(script))
                .endsWith("1 passed, 1 failed\n");
        assertThat(run.stdout().indexOf("approves after")).as("source order").isLessThan(run.stdout().indexOf("a stubborn"));
    }

    @Test
    void aTextValueIsQuotedAndNothingIsEvaluatedTwice() throws IOException {
        Path script = write("once.orch", """
                model m = mock(fail_first: 1)
                agent echo { model: m }

                test "an agent called inside the expectation" {
                  expect echo("hello") == "bye"
                }

                test "a retry is not needed" {
                  retry 2 {
                    first = echo("hi")
                  }
                  expect first == "hi" and calls(echo) == 1
                }
                """);
        CliRun run = CliRun.of("test", script.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("""
                    the run failed: server: \
                """).contains("""
                    expect first == "hi" and calls(echo) == 1
                    first was "hi"
                    calls(echo) was 2
                """);
    }

    @Test
    void anExpectationFailsTheTestEvenInsideTry() throws IOException {
        Path script = write("try.orch", """
                model m = mock()
                agent echo { model: m }

                test "expect inside try" {
                  try {
                    expect echo("a") == "b"
                  } catch {
                    print "caught"
                  }
                }
                """);
        CliRun run = CliRun.of("test", script.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("echo(\"a\") was \"a\"").doesNotContain("caught");
    }

    @Test
    void junitXmlHasASuitePerFileAndACasePerTest() throws Exception {
        Path review = write("review.orch", REVIEW + STUBBORN);
        Path other = write("other.orch", """
                model m = mock()
                agent echo { model: m }

                test "echoes" {
                  expect echo("<&>") == "<&>"
                }
                """);
        Path report = dir.resolve("reports/orch.xml");
        CliRun run = CliRun.of("test", dir.toString(), "--junit", report.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("3");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element first = (Element) suites.item(0);
        assertThat(first.getAttribute("name")).isEqualTo(other.toString());
        Element second = (Element) suites.item(1);
        assertThat(second.getAttribute("name")).isEqualTo(review.toString());
        assertThat(second.getAttribute("failures")).isEqualTo("1");
        NodeList cases = second.getElementsByTagName("testcase");
        assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("approves after two rounds");
        Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("deliberately wrong: it runs three rounds");
        assertThat(failure.getTextContent()).contains("calls(reviewer) was 3");
    }

    @Test
    void filterRunsOnlyTheTestsWhoseNameContainsTheText() throws IOException {
        Path script = write("review.orch", REVIEW + STUBBORN);
        CliRun run = CliRun.of("test", script.toString(), "--filter", "two rounds");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).doesNotContain("stubborn").endsWith("1 passed, 0 failed\n");
    }

    @Test
    void aTestThatWouldReachARealModelIsAnErrorThatSaysHowToReplaceIt() throws IOException {
        Path script = write("real.orch", """
                model smart = openai("gpt-4o")
                agent writer { model: smart }

                workflow main() {
                  return writer("Write")
                }

                test "forgot the mock" {
                  expect main() != ""
                }

                test "replaced" {
                  model smart = mock()
                  expect main() == "Write"
                }
                """);
        CliRun run = CliRun.of("test", script.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("error: test \"forgot the mock\" would call the real model 'smart' (openai \"gpt-4o\"")
                .contains("model smart = mock(").contains("--allow net").doesNotContain("\"replaced\"");
        assertThat(run.stdout()).contains("0 passed, 0 failed; 1 script does not compile");
    }

    @Test
    void anErrorInsideATestIsACompileErrorForTestAndCheck() throws IOException {
        Path script = write("typo.orch", REVIEW.replace("expect result contains", "expect reslt contains"));
        CliRun test = CliRun.of("test", script.toString());
        assertThat(test.exitCode()).isEqualTo(2);
        assertThat(test.stderr()).contains(script + ":22:10: error: undefined name 'reslt'");
        CliRun check = CliRun.of("check", script.toString());
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.stderr()).contains(script + ":22:10: error: undefined name 'reslt'");
    }

    @Test
    void runAndPlanIgnoreTestBlocks() throws IOException {
        Path withTests = write("with.orch", REVIEW + STUBBORN);
        Path without = write("without.orch", REVIEW.substring(0, REVIEW.indexOf("test \"")));
        CliRun planWith = CliRun.of("plan", withTests.toString(), "--format", "json");
        CliRun planWithout = CliRun.of("plan", without.toString(), "--format", "json");
        assertThat(planWith.exitCode()).isZero();
        assertThat(strip(planWith.stdout())).isEqualTo(strip(planWithout.stdout()));
        CliRun run = CliRun.of("run", withTests.toString(), "--no-store");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo("rounds: 2\napproved after 2 rounds\n");
    }

    @Test
    void helpTeachesWithAnExampleTestBlock() {
        CliRun run = CliRun.of("test", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("test \"approves after two rounds\" {").contains("expect calls(reviewer) == 2")
                .contains("--junit").contains("--filter").contains("--allow net");
    }

    /** The plan without what names its file: the source path and its hash. */
    private static String strip(String planJson) {
        return planJson.replaceAll("\"source\"\\s*:\\s*\\{[^}]*}", "").replaceAll("\"file\"\\s*:\\s*\"[^\"]*\"", "");
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static String quoted(Path p) {
        return java.util.regex.Pattern.quote(p.toString());
    }
}
