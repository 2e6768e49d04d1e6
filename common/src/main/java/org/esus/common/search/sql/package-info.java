/**
 * Running a search on PostgreSQL, shared by slot-service and booking-service: parameterised SQL
 * ({@link org.esus.common.search.sql.SqlQuery}), date conditions ({@link
 * org.esus.common.search.sql.DateSql}) and keyset paging ({@link
 * org.esus.common.search.sql.KeysetOrder}, {@link org.esus.common.search.sql.KeysetCursor},
 * {@link org.esus.common.search.sql.KeysetPage}).
 */
package org.esus.common.search.sql;
