package org.esus.common.search.bundle;

import java.util.List;

/**
 * One page of search results ready to be written as a searchset Bundle.
 *
 * @param matches   the resources' stored JSON with their ids, in order
 * @param includes  resources added by {@code _include} (search.mode = include)
 * @param total     Bundle.total, or null when not asked for and not known for free
 * @param nextCursor the cursor of the next page, or null on the last page
 * @param warnings  diagnostics for an OperationOutcome entry (search.mode = outcome)
 */
public record SearchPage(List<Row> matches, List<Row> includes, Long total, String nextCursor, List<String> warnings) {

    public record Row(String resourceType, String id, String json) {
    }
}
