package dev.tidemark.dialect.nativesql;

import java.util.Locale;

/** The five referential actions of a foreign key; an archive may name no other. */
public enum ReferentialAction {
    NO_ACTION("NO ACTION"),
    RESTRICT("RESTRICT"),
    CASCADE("CASCADE"),
    SET_NULL("SET NULL"),
    SET_DEFAULT("SET DEFAULT");

    private final String sql;

    ReferentialAction(String sql) {
        this.sql = sql;
    }

    /** The action as SQL writes it, e.g. {@code SET NULL}. */
    public String sql() {
        return sql;
    }

    /**
     * The action {@code text} names, in any case and spacing, with {@code _} for a space as some catalogs write
     * it; null for null (the backend's default).
     *
     * @throws InvalidSqlException for anything else
     */
    public static ReferentialAction parse(String text) {
        if (text == null) {
            return null;
        }
        String normalized = text.strip().replace('_', ' ').replaceAll("[ \\t]+", " ").toUpperCase(Locale.ROOT);
        for (ReferentialAction action : values()) {
            if (action.sql.equals(normalized)) {
                return action;
            }
        }
        throw new InvalidSqlException("not one of NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT");
    }
}
