package dev.tidemark.dialect.postgres;

import dev.tidemark.dialect.nativesql.NativeSqlField;
import dev.tidemark.dialect.nativesql.ReferentialAction;
import dev.tidemark.dialect.nativesql.SqlGrammar;
import dev.tidemark.dialect.nativesql.SqlLexicon;
import dev.tidemark.schema.Table;

/**
 * The native SQL a restore into PostgreSQL takes from the schema, each piece read in its grammar
 * ({@link SqlGrammar}) and written out again from what was read; anything else refuses the archive, naming the
 * table and the field.
 */
final class PostgresNativeSql {
    private static final SqlLexicon LEXICON = SqlLexicon.POSTGRESQL;

    private PostgresNativeSql() {
    }

    /** The declared type of column {@code i}, from its native type. */
    static String typeName(Table table, int i) {
        String text = table.columns().get(i).type().nativeType();
        return NativeSqlField.of(table.name(), "columns", i, "type.nativeType")
                .read(LEXICON, "type name", () -> SqlGrammar.typeName(text, LEXICON));
    }

    /**
     * The native default of column {@code i}, in parentheses: PostgreSQL then reads all of it as the default,
     * whatever its operators, and nothing of it as a column constraint.
     */
    static String defaultExpression(Table table, int i) {
        String text = table.columns().get(i).nativeDefault();
        return "(" + NativeSqlField.of(table.name(), "columns", i, "nativeDefault")
                .read(LEXICON, "default expression", () -> SqlGrammar.defaultExpression(text, LEXICON)) + ")";
    }

    /** The predicate of index {@code i}. */
    static String indexPredicate(Table table, int i) {
        String text = table.indexes().get(i).where();
        return NativeSqlField.of(table.name(), "indexes", i, "where")
                .read(LEXICON, "index predicate", () -> SqlGrammar.predicate(text, LEXICON));
    }

    /** The definition of index {@code i}, taken apart. */
    static PostgresIndexDefinition indexDefinition(Table table, int i) {
        String text = table.indexes().get(i).nativeSql();
        return NativeSqlField.of(table.name(), "indexes", i, "nativeSql")
                .read(LEXICON, "index definition", () -> PostgresIndexDefinition.parse(text));
    }

    /** The ON DELETE ({@code delete}) or ON UPDATE action of foreign key {@code i}, or null for none. */
    static ReferentialAction action(Table table, int i, boolean delete) {
        var fk = table.foreignKeys().get(i);
        String text = delete ? fk.onDelete() : fk.onUpdate();
        return NativeSqlField.of(table.name(), "foreignKeys", i, delete ? "onDelete" : "onUpdate")
                .read(LEXICON, "referential action", () -> ReferentialAction.parse(text));
    }
}
