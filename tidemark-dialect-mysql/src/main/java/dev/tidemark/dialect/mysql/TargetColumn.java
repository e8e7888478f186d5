package dev.tidemark.dialect.mysql;

/**
 * A column as a restore creates and loads it.
 *
 * @param name           column name
 * @param definition     the column definition in CREATE TABLE, without the name
 * @param loadKind       how values are written into the LOAD DATA stream
 * @param loadExpression SET-clause expression over the user variable, or null when the value loads directly
 */
record TargetColumn(String name, String definition, LoadKind loadKind, String loadExpression) {
}
