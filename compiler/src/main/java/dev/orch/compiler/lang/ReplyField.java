package dev.orch.compiler.lang;

/** The fields of a reply, the value an agent call returns: `report.tokens_out`. */
public enum ReplyField {
    TOKENS_IN(Type.NUMBER), TOKENS_OUT(Type.NUMBER), COST(Type.NUMBER), MODEL(Type.TEXT), MS(Type.NUMBER),
    ATTEMPTS(Type.NUMBER), TURNS(Type.NUMBER), TOOL_CALLS(Type.LIST);

    public final Type type;

    ReplyField(Type type) {
        this.type = type;
    }

    public String fieldName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ReplyField find(String name) {
        for (ReplyField f : values()) if (f.fieldName().equals(name)) return f;
        return null;
    }
}
