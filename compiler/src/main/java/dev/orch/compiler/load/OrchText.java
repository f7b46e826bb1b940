package dev.orch.compiler.load;

/** What tells an Orch source from a file that is not one: text never holds NUL, nor bytes that are not UTF-8. */
final class OrchText {
    private OrchText() {}

    static boolean looksLikeSource(String text) {
        return text.indexOf('\0') < 0 && text.indexOf('\uFFFD') < 0;
    }
}
