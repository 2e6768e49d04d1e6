package org.esus.subscription.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.esus.common.fhir.SlotTopic;
import org.esus.common.search.ResultParameters;
import org.esus.common.search.SearchValues;
import org.esus.common.search.TokenValue;
import org.esus.common.search.bundle.SearchPage;
import org.esus.common.search.bundle.UnknownParameters;

/**
 * GET /Basic?url=&code=&_id=: whether the one topic definition matches. {@code url} (the topic's
 * canonical URL, exact) is an ESUS parameter, since R4's Basic has none for it; {@code code} is
 * how the IG's later versions discover Basic-wrapped topics. Each occurrence of a parameter must
 * match (AND), one of its comma-separated values suffices (OR); unknown parameters are ignored
 * with a warning, or refused under {@code Prefer: handling=strict}, as in Slot search.
 */
final class SlotTopicSearch {

    private static final Set<String> KNOWN = Set.of("url", "code", "_id", ResultParameters.COUNT);

    private SlotTopicSearch() {
    }

    static SearchPage search(Map<String, List<String>> parameters, String prefer) {
        boolean matches = true;
        int count = ResultParameters.DEFAULT_COUNT;
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            ResultParameters.rejectModifierOfKnown(name, KNOWN::contains);
            switch (name) {
                case "url" -> matches &= everyOccurrence(name, parameter.getValue(),
                        value -> SearchValues.unescape(value).equals(SlotTopic.URL));
                case "code" -> matches &= everyOccurrence(name, parameter.getValue(),
                        value -> TokenValue.parse(name, value).matches(SlotTopicDefinition.CODE_SYSTEM, SlotTopicDefinition.CODE));
                case "_id" -> matches &= everyOccurrence(name, parameter.getValue(),
                        value -> SearchValues.unescape(value).equals(SlotTopicDefinition.ID));
                case ResultParameters.COUNT -> count = ResultParameters.count(ResultParameters.single(name, parameter.getValue()));
                default -> {
                    if (!ResultParameters.WITHOUT_EFFECT.contains(name)) {
                        unknown.add(name);
                    }
                }
            }
        }
        List<String> warnings = UnknownParameters.warnings(unknown, prefer);
        List<SearchPage.Row> rows = matches && count > 0
                ? List.of(new SearchPage.Row("Basic", SlotTopicDefinition.ID, SlotTopicDefinition.STORED.json()))
                : List.of();
        return new SearchPage(rows, List.of(), matches ? 1L : 0L, null, warnings);
    }

    /** Every occurrence has a comma-separated alternative the predicate accepts; each is validated. */
    private static boolean everyOccurrence(String name, List<String> occurrences, Predicate<String> accepts) {
        boolean all = true;
        for (String occurrence : occurrences) {
            boolean any = false;
            for (String alternative : SearchValues.alternatives(name, occurrence)) {
                any |= accepts.test(alternative);
            }
            all &= any;
        }
        return all;
    }
}
