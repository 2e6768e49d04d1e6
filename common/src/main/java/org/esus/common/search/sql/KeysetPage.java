package org.esus.common.search.sql;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paged search, and the paging arithmetic every search shares: fetch
 * {@code count + 1} rows to learn whether another page exists, count only when asked
 * ({@code _total=accurate}, or {@code _count=0}, which asks for nothing else), and give the
 * total for free when the whole result fits on the first page.
 *
 * @param rows       this page's rows, in order
 * @param total      the number of matches, or null when neither asked for nor free
 * @param nextCursor the encoded cursor after the last row, or null on the last page
 */
public record KeysetPage<R>(List<R> rows, Long total, String nextCursor) {

    /** Counts every match of the search. */
    @FunctionalInterface
    public interface Counter {
        long count() throws SQLException;
    }

    /** Reads the next rows in the search's order, at most {@code limit}, after the request's cursor. */
    @FunctionalInterface
    public interface Fetcher<R> {
        List<R> fetch(int limit) throws SQLException;
    }

    /**
     * @param firstPage whether the request carries no cursor (only then is a short page the whole result)
     * @param cursorOf  the encoded cursor that continues after a row
     */
    public static <R> KeysetPage<R> read(int count, boolean totalAccurate, boolean firstPage, Counter counter,
            Fetcher<R> fetcher, Function<R, String> cursorOf) throws SQLException {
        Long total = totalAccurate || count == 0 ? counter.count() : null;
        if (count == 0) {
            return new KeysetPage<>(List.of(), total, null);
        }
        List<R> fetched = fetcher.fetch(count + 1);
        boolean more = fetched.size() > count;
        List<R> rows = more ? fetched.subList(0, count) : fetched;
        if (total == null && firstPage && !more) {
            total = (long) rows.size(); // the whole result is on this page: the total is free
        }
        return new KeysetPage<>(rows, total, more ? cursorOf.apply(rows.get(rows.size() - 1)) : null);
    }
}
