package dev.orch.compiler.diag;

import dev.orch.compiler.ast.Span;
import java.util.ArrayList;
import java.util.List;

/** The findings of one compilation, in the order found; {@link #sorted()} gives them by position. */
public final class Diagnostics {
    private final List<Diagnostic> all = new ArrayList<>();

    public void add(Diagnostic d) {
        all.add(d);
    }

    public void addAll(Iterable<Diagnostic> ds) {
        ds.forEach(all::add);
    }

    public void error(Span span, String message, String hint) {
        add(Diagnostic.error(span, message, hint));
    }

    public void warning(Span span, String message, String hint) {
        add(Diagnostic.warning(span, message, hint));
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(Diagnostic::isError);
    }

    public long errorCount() {
        return all.stream().filter(Diagnostic::isError).count();
    }

    public long warningCount() {
        return all.size() - errorCount();
    }

    public List<Diagnostic> sorted() {
        return all.stream().distinct().sorted(Diagnostic.BY_POSITION).toList();
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }
}
