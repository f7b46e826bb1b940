package dev.orch.compiler.ast;

import java.lang.reflect.RecordComponent;
import java.util.List;

/** What an AST means once its places are set aside: two parses of differently laid-out text compare equal. */
public final class Spans {
    private Spans() {}

    /** A copy of an AST node (or list of nodes) with every span replaced by {@link Span#NONE}. */
    public static Object erase(Object node) {
        if (node instanceof Span) return Span.NONE;
        if (node instanceof List<?> list) return list.stream().map(Spans::erase).toList();
        if (node == null || !node.getClass().isRecord()) return node;
        RecordComponent[] components = node.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                components[i].getAccessor().setAccessible(true);
                values[i] = erase(components[i].getAccessor().invoke(node));
                types[i] = components[i].getType();
            }
            var constructor = node.getClass().getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + node.getClass(), e);
        }
    }
}
