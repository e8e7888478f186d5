package dev.tidemark.dialect.mysql;

import java.util.List;

/**
 * How one table is restored.
 *
 * @param name          the final table name
 * @param staging       the staging table the rows are loaded into
 * @param retired       the name the replaced table gets at the swap
 * @param replaces      whether a table of this name exists and is replaced
 * @param columns       the columns in load order
 * @param createSql     CREATE TABLE for the staging table
 * @param indexSql      statements creating secondary indexes and unique keys on the staging table
 * @param foreignKeySql statements adding the foreign keys, referencing staging names
 * @param afterSwapSql  statements run once the swap is done and the replaced tables are dropped: they give
 *                      foreign keys the names the replaced tables were still using at load time
 */
record TablePlan(String name, String staging, String retired, boolean replaces, List<TargetColumn> columns,
                 String createSql, List<String> indexSql, List<String> foreignKeySql,
                 List<String> afterSwapSql) {
}
