package dev.tidemark.dialect.mysql;

import dev.tidemark.dialect.RestoreChecks;
import dev.tidemark.dialect.nativesql.ReferentialAction;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.Index;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns a portable schema into the statements of a staged MySQL/MariaDB restore, with its warnings. */
final class MysqlRestorePlanner {
    private final ServerInfo server;
    private final boolean caseInsensitiveTables;
    private final String run;
    private final List<String> warnings = new ArrayList<>();
    private final MysqlTargetTypes types;

    /**
     * @param caseInsensitiveTables whether the server folds table names (lower_case_table_names != 0)
     * @param run                   the random part of this restore's staging names
     */
    MysqlRestorePlanner(ServerInfo server, boolean caseInsensitiveTables, String run) {
        this.server = server;
        this.caseInsensitiveTables = caseInsensitiveTables;
        this.run = run;
        this.types = new MysqlTargetTypes(server, warnings);
    }

    List<String> warnings() {
        return warnings;
    }

    /** Refuses names MySQL cannot hold or that collide after its case folding, before anything is written. */
    void validate(Schema schema) {
        RestoreChecks.requireColumns(schema, "MySQL/MariaDB");
        Set<String> tableNames = new HashSet<>();
        for (Table table : schema.tables()) {
            checkLength("table", table.name(), table.name());
            if (!tableNames.add(tableKey(table.name()))) {
                throw new TidemarkException(ErrorKind.CONFIG, "table " + table.name()
                        + " collides with another table of the same name in different case",
                        "this server compares table names case-insensitively; rename one of them in the source");
            }
            Set<String> columnNames = new HashSet<>();
            for (Column column : table.columns()) {
                checkLength("column", table.name() + "." + column.name(), column.name());
                if (!columnNames.add(column.name().toLowerCase(Locale.ROOT))) {
                    throw new TidemarkException(ErrorKind.CONFIG, "column " + table.name() + "." + column.name()
                            + " collides with another column of the same name in different case",
                            "MySQL column names are case-insensitive; rename one of them in the source");
                }
            }
            Set<String> indexNames = new HashSet<>();
            for (Index index : table.indexes()) {
                checkLength("index", table.name() + "." + index.name(), index.name());
                if (!indexNames.add(index.name().toLowerCase(Locale.ROOT))) {
                    throw new TidemarkException(ErrorKind.CONFIG, "index " + table.name() + "." + index.name()
                            + " collides with another index of the same name in different case",
                            "MySQL index names are case-insensitive per table; rename one of them in the source");
                }
            }
        }
    }

    String tableKey(String name) {
        return caseInsensitiveTables ? name.toLowerCase(Locale.ROOT) : name;
    }

    /**
     * Plans every table.
     *
     * @param existingTables      tables of the target, keyed by {@link #tableKey}
     * @param existingConstraints foreign key names already used in the target database (lower case) and the
     *                            tables (keyed by {@link #tableKey}) that hold them
     */
    List<TablePlan> plan(Schema schema, Set<String> existingTables, Map<String, String> existingConstraints) {
        Set<String> replaced = new HashSet<>();
        schema.tables().stream().map(t -> tableKey(t.name())).filter(existingTables::contains).forEach(replaced::add);
        Map<String, String> stagingByName = new HashMap<>();
        for (int i = 0; i < schema.tables().size(); i++) {
            stagingByName.put(schema.tables().get(i).name(), MysqlDdl.stagingName(run, i));
        }
        ConstraintNames names = new ConstraintNames(existingConstraints, replaced);
        List<TablePlan> plans = new ArrayList<>();
        for (int i = 0; i < schema.tables().size(); i++) {
            Table table = ForeignKeyTypes.align(schema.tables().get(i), schema);
            plans.add(plan(table, MysqlDdl.stagingName(run, i), MysqlDdl.retiredName(run, i),
                    existingTables.contains(tableKey(table.name())), stagingByName, names));
        }
        return plans;
    }

    private TablePlan plan(Table table, String staging, String retired, boolean replaces, Map<String, String> stagingByName,
                           ConstraintNames names) {
        // MySQL 8 and MariaDB differ in collations (utf8mb4_0900_ai_ci) and types (uuid, inet6): across
        // flavours a table is restored through the portable mapping
        boolean fromMysql = "true".equals(table.options().get(MysqlSchemaReader.SOURCE_OPTION))
                && server.backend().equals(table.options().getOrDefault(MysqlSchemaReader.FLAVOUR_OPTION, server.backend()));
        Set<String> keyed = new HashSet<>(table.primaryKey());
        table.uniqueKeys().forEach(keyed::addAll);
        table.indexes().stream().filter(Index::unique).forEach(index -> keyed.addAll(index.columns()));
        table.foreignKeys().forEach(fk -> keyed.addAll(fk.columns()));
        String autoIncrement = autoIncrementColumn(table);
        List<TargetColumn> columns = new ArrayList<>();
        StringBuilder create = new StringBuilder("CREATE TABLE ").append(MysqlDdl.quote(staging)).append(" (");
        for (int i = 0; i < table.columns().size(); i++) {
            Column column = table.columns().get(i);
            TargetColumn target = types.column(table, i, fromMysql, keyed.contains(column.name()),
                    column.name().equals(autoIncrement));
            String onUpdate = fromMysql ? MysqlNativeSql.onUpdate(table, i) : null;
            columns.add(target);
            create.append(columns.size() > 1 ? ", " : "").append(MysqlDdl.quote(column.name())).append(' ')
                    .append(target.definition()).append(onUpdate == null ? "" : " " + onUpdate);
        }
        if (!table.primaryKey().isEmpty()) {
            create.append(", PRIMARY KEY (").append(MysqlDdl.quoteAll(table.primaryKey())).append(')');
        }
        if (autoIncrement != null && (table.primaryKey().isEmpty() || !table.primaryKey().get(0).equals(autoIncrement))) {
            // MySQL requires an auto-increment column to lead some key
            create.append(", KEY (").append(MysqlDdl.quote(autoIncrement)).append(')');
        }
        create.append(')');
        String engine = fromMysql ? MysqlNativeSql.engine(table) : null;
        create.append(" ENGINE=").append(engine == null ? "InnoDB" : engine);
        String collation = fromMysql ? MysqlNativeSql.collation(table) : null;
        // binary collation for data from elsewhere: keys that were distinct there stay distinct here
        create.append(" DEFAULT CHARSET=utf8mb4 COLLATE=").append(collation == null ? "utf8mb4_bin" : collation);
        if (autoIncrement != null && table.nextValue() != null) {
            create.append(" AUTO_INCREMENT=").append(table.nextValue());
        }
        List<String> afterSwap = new ArrayList<>();
        return new TablePlan(table.name(), staging, retired, replaces, columns, create.toString(),
                indexStatements(table, staging, fromMysql, columns),
                foreignKeyStatements(table, staging, stagingByName, names, afterSwap), afterSwap);
    }

    private String autoIncrementColumn(Table table) {
        String chosen = null;
        for (Column column : table.columns()) {
            if (!column.autoIncrement()) {
                continue;
            }
            PortableType type = column.type().type();
            boolean integer = type == PortableType.SMALLINT || type == PortableType.INTEGER || type == PortableType.BIGINT;
            if (chosen == null && integer) {
                chosen = column.name();
            } else {
                warnings.add(table.name() + "." + column.name() + ": restored without auto-increment, MySQL allows one"
                        + " integer auto-increment column per table");
            }
        }
        return chosen;
    }

    private List<String> indexStatements(Table table, String staging, boolean fromMysql, List<TargetColumn> columns) {
        List<String> clauses = new ArrayList<>();
        List<String> statements = new ArrayList<>();
        String quotedStaging = MysqlDdl.quote(staging);
        for (int i = 0; i < table.indexes().size(); i++) {
            Index index = table.indexes().get(i);
            String where = table.name() + "." + index.name();
            if (fromMysql && index.nativeSql() != null) {
                statements.add(MysqlNativeSql.indexDefinition(table, i).toSql(index.name(), staging));
                continue;
            }
            if (index.columns().isEmpty()) {
                warnings.add("index " + where + " skipped: its expressions are not portable");
                continue;
            }
            if (index.where() != null && !fromMysql) {
                if (index.unique()) {
                    warnings.add("index " + where + " skipped: MySQL has no partial unique indexes");
                    continue;
                }
                warnings.add("index " + where + " restored on all rows: MySQL has no partial indexes");
            }
            StringBuilder clause = new StringBuilder(index.unique() ? "ADD UNIQUE INDEX " : "ADD INDEX ")
                    .append(MysqlDdl.quote(index.name())).append(" (");
            for (int c = 0; c < index.columns().size(); c++) {
                String name = index.columns().get(c);
                clause.append(c > 0 ? ", " : "").append(MysqlDdl.quote(name)).append(prefix(name, columns));
            }
            clauses.add(clause.append(')').toString());
        }
        for (List<String> unique : table.uniqueKeys()) {
            clauses.add("ADD UNIQUE (" + MysqlDdl.quoteAll(unique) + ")");
        }
        if (!clauses.isEmpty()) {
            statements.add(0, "ALTER TABLE " + quotedStaging + " " + String.join(", ", clauses));
        }
        return statements;
    }

    /** Long text and binary columns can only be indexed by a prefix. */
    private static String prefix(String column, List<TargetColumn> columns) {
        for (TargetColumn target : columns) {
            if (target.name().equals(column)) {
                String definition = target.definition().toLowerCase(Locale.ROOT);
                if (definition.startsWith("longtext") || definition.startsWith("text") || definition.startsWith("mediumtext")) {
                    return "(" + MysqlTypeMapping.MAX_KEY_CHARS + ")";
                }
                if (definition.startsWith("longblob") || definition.startsWith("blob") || definition.startsWith("mediumblob")) {
                    return "(" + MysqlTypeMapping.MAX_KEY_BYTES + ")";
                }
            }
        }
        return "";
    }

    /**
     * Foreign key names are unique per database. A name still held by a table this restore replaces is
     * given to the new key after the swap (a temporary name holds its place until then); a name held by a
     * table outside the restore, or used twice in the schema, is left to the server to choose.
     */
    private final class ConstraintNames {
        private final Map<String, String> existing;
        private final Set<String> replacedTables;
        private final Set<String> used = new HashSet<>();
        private int temporary;

        ConstraintNames(Map<String, String> existing, Set<String> replacedTables) {
            this.existing = existing;
            this.replacedTables = replacedTables;
        }

        /** The name to create the key with on the staging table, or null for a server-chosen one. */
        String atLoad(String wanted) {
            if (wanted == null || wanted.length() > MysqlDdl.MAX_IDENTIFIER || !used.add(wanted.toLowerCase(Locale.ROOT))) {
                return null;
            }
            String holder = existing.get(wanted.toLowerCase(Locale.ROOT));
            if (holder == null) {
                return wanted;
            }
            return replacedTables.contains(holder) ? "_tm_" + run + "_f" + temporary++ : null;
        }
    }

    private List<String> foreignKeyStatements(Table table, String staging, Map<String, String> stagingByName,
                                              ConstraintNames names, List<String> afterSwap) {
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < table.foreignKeys().size(); i++) {
            ForeignKey fk = table.foreignKeys().get(i);
            String name = names.atLoad(fk.name());
            String actions = action(table, fk, "DELETE", MysqlNativeSql.action(table, i, true))
                    + action(table, fk, "UPDATE", MysqlNativeSql.action(table, i, false));
            String referenced = stagingByName.getOrDefault(fk.referencedTable(), fk.referencedTable());
            statements.add("ALTER TABLE " + MysqlDdl.quote(staging) + " ADD "
                    + (name == null ? "" : "CONSTRAINT " + MysqlDdl.quote(name) + " ")
                    + foreignKeyClause(fk, referenced) + actions);
            if (name != null && !name.equals(fk.name())) {
                afterSwap.add("ALTER TABLE " + MysqlDdl.quote(table.name()) + " DROP FOREIGN KEY " + MysqlDdl.quote(name)
                        + ", ADD CONSTRAINT " + MysqlDdl.quote(fk.name()) + " " + foreignKeyClause(fk, fk.referencedTable())
                        + actions);
            }
        }
        return statements;
    }

    private static String foreignKeyClause(ForeignKey fk, String referencedTable) {
        return "FOREIGN KEY (" + MysqlDdl.quoteAll(fk.columns()) + ") REFERENCES " + MysqlDdl.quote(referencedTable)
                + " (" + MysqlDdl.quoteAll(fk.referencedColumns()) + ")";
    }

    private String action(Table table, ForeignKey fk, String event, ReferentialAction action) {
        if (action == null) {
            return "";
        }
        return switch (action) {
            // RESTRICT is InnoDB's default and how it reports an unspecified action
            case RESTRICT -> "";
            case CASCADE, SET_NULL, NO_ACTION -> " ON " + event + " " + action.sql();
            case SET_DEFAULT -> {
                warnings.add("foreign key " + table.name() + "." + fk.name() + ": ON " + event + " " + action.sql()
                        + " is not supported by InnoDB, restored as NO ACTION");
                yield "";
            }
        };
    }

    private static void checkLength(String kind, String where, String name) {
        if (name.isEmpty() || name.length() > MysqlDdl.MAX_IDENTIFIER) {
            throw new TidemarkException(ErrorKind.CONFIG, kind + " name " + where + " is "
                    + (name.isEmpty() ? "empty" : name.length() + " characters long")
                    + ", MySQL/MariaDB names have 1 to " + MysqlDdl.MAX_IDENTIFIER + " characters",
                    "shorten the name in the source before restoring into MySQL/MariaDB");
        }
    }
}
