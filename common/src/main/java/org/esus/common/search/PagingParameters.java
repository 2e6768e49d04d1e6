package org.esus.common.search;

import static org.esus.common.search.ResultParameters.COUNT;
import static org.esus.common.search.ResultParameters.CURSOR;
import static org.esus.common.search.ResultParameters.TOTAL;

import java.util.List;

/**
 * Collects {@code _count}, {@code _total} and {@code _cursor} of one search request while its
 * parser walks the parameters, so every resource's search pages the same way.
 */
public final class PagingParameters {

    private int count = ResultParameters.DEFAULT_COUNT;
    private boolean totalAccurate;
    private String cursor;

    /** Takes the parameter if it is one of the paging parameters, and says whether it was. */
    public boolean read(String name, List<String> values) {
        switch (name) {
            case COUNT -> count = ResultParameters.count(ResultParameters.single(name, values));
            case TOTAL -> totalAccurate = ResultParameters.totalAccurate(ResultParameters.single(name, values));
            case CURSOR -> cursor = ResultParameters.single(name, values);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Page size, 0..{@link ResultParameters#MAX_COUNT}; 0 asks for the total only. */
    public int count() {
        return count;
    }

    public boolean totalAccurate() {
        return totalAccurate;
    }

    /** The opaque {@code _cursor} of a next link, or null for the first page. */
    public String cursor() {
        return cursor;
    }
}
