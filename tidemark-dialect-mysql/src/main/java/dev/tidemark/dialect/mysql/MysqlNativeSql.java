package dev.tidemark.dialect.mysql;

import dev.tidemark.dialect.nativesql.NativeSqlField;
import dev.tidemark.dialect.nativesql.ReferentialAction;
import dev.tidemark.dialect.nativesql.SqlCursor;
import dev.tidemark.dialect.nativesql.SqlGrammar;
import dev.tidemark.dialect.nativesql.SqlLexicon;
import dev.tidemark.dialect.nativesql.SqlToken;
import dev.tidemark.schema.Table;

/**
 * The native SQL a restore into MySQL/MariaDB takes from the schema, each piece read in its grammar
 * ({@link SqlGrammar}) and written out again from what was read; anything else refuses the archive, naming the
 * table and the field. Table options are names: a storage engine or collation is one word.
 */
final class MysqlNativeSql {
    /** Table option prefix: {@code mysql.onUpdate.<column>} holds the column's ON UPDATE clause. */
    static final String ON_UPDATE_PREFIX = "mysql.onUpdate.";
    private static final SqlLexicon LEXICON = SqlLexicon.MYSQL;

    private MysqlNativeSql() {
    }

    /** The declared type of column {@code i}, from its native type. */
    static String typeName(Table table, int i) {
        String text = table.columns().get(i).type().nativeType();
        return NativeSqlField.of(table.name(), "columns", i, "type.nativeType")
                .read(LEXICON, "type name", () -> SqlGrammar.typeName(text, LEXICON));
    }

    /** The native default of column {@code i}. */
    static String defaultExpression(Table table, int i) {
        String text = table.columns().get(i).nativeDefault();
        return NativeSqlField.of(table.name(), "columns", i, "nativeDefault")
                .read(LEXICON, "default expression", () -> SqlGrammar.defaultExpression(text, LEXICON));
    }

    /**
     * The ON UPDATE clause of column {@code i}, or null when it has none: only {@code ON UPDATE CURRENT_TIMESTAMP}
     * and its synonyms, with an optional fractional-second precision.
     */
    static String onUpdate(Table table, int i) {
        String option = ON_UPDATE_PREFIX + table.columns().get(i).name();
        String text = table.options().get(option);
        if (text == null) {
            return null;
        }
        return NativeSqlField.of(table.name(), "options." + option).read(LEXICON, "ON UPDATE clause", () -> {
            SqlCursor in = SqlCursor.of(text, LEXICON);
            in.expectWord("ON");
            in.expectWord("UPDATE");
            if (!in.acceptWord("CURRENT_TIMESTAMP", "NOW", "LOCALTIME", "LOCALTIMESTAMP")) {
                throw SqlCursor.invalid("only CURRENT_TIMESTAMP can be an ON UPDATE value");
            }
            if (in.accept("(") && !in.accept(")")) {
                SqlToken precision = in.next();
                if (!precision.text().matches("[0-6]")) {
                    throw SqlCursor.invalid("unexpected '" + precision.text() + "' as a fractional-second precision");
                }
                in.expect(")");
            }
            in.expectEnd();
            return in.renderFrom(0);
        });
    }

    /** The storage engine the table option names, or null when it names none. */
    static String engine(Table table) {
        return word(table, MysqlSchemaReader.ENGINE_OPTION, "storage engine name", "[A-Za-z][A-Za-z0-9_]{0,63}");
    }

    /** The table collation the table option names, or null when it names none. */
    static String collation(Table table) {
        return word(table, MysqlSchemaReader.COLLATION_OPTION, "collation name", "[A-Za-z0-9_]{1,64}");
    }

    private static String word(Table table, String option, String kind, String pattern) {
        String text = table.options().get(option);
        if (text == null) {
            return null;
        }
        return NativeSqlField.of(table.name(), "options." + option).read(LEXICON, kind, () -> {
            SqlCursor in = SqlCursor.of(text, LEXICON);
            SqlToken word = in.next();
            in.expectEnd();
            if (word.kind() != SqlToken.Kind.WORD || !word.text().matches(pattern)) {
                throw SqlCursor.invalid("not a single name");
            }
            return word.text();
        });
    }

    /** The definition of index {@code i}, taken apart. */
    static MysqlIndexDefinition indexDefinition(Table table, int i) {
        String text = table.indexes().get(i).nativeSql();
        return NativeSqlField.of(table.name(), "indexes", i, "nativeSql")
                .read(LEXICON, "index definition", () -> MysqlIndexDefinition.parse(text));
    }

    /** The ON DELETE ({@code delete}) or ON UPDATE action of foreign key {@code i}, or null for none. */
    static ReferentialAction action(Table table, int i, boolean delete) {
        var fk = table.foreignKeys().get(i);
        String text = delete ? fk.onDelete() : fk.onUpdate();
        return NativeSqlField.of(table.name(), "foreignKeys", i, delete ? "onDelete" : "onUpdate")
                .read(LEXICON, "referential action", () -> ReferentialAction.parse(text));
    }
}
