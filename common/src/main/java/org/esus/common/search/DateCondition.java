package org.esus.common.search;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One date search value: a prefix and the range its precision implies, {@code [lower, upper)}.
 * {@code 2026-04-21} is the UTC day [2026-04-21T00:00Z, 2026-04-22T00:00Z);
 * {@code 2026-04-21T10:00:00.5Z} is [10:00:00.5, 10:00:00.6).
 *
 * <p>{@link #matches} is the reference semantics for a point value; the SQL translation must
 * give the same answer for every prefix:
 * <pre>
 *   EQ  lower &lt;= v &lt; upper      NE  not EQ
 *   GT, SA  v &gt;= upper             LT, EB  v &lt; lower
 *   GE  v &gt;= lower                 LE  v &lt; upper
 * </pre>
 * A missing value (null) matches no condition, not even NE.
 *
 * @param prefix the comparison
 * @param lower  inclusive start of the value's range
 * @param upper  exclusive end of the value's range
 * @param text   the date as written, without prefix; a zone offset whose '+' arrived decoded
 *               to a space is stored with the '+' restored
 */
public record DateCondition(DatePrefix prefix, Instant lower, Instant upper, String text) {

    /**
     * yyyy[-MM[-dd[Thh:mm[:ss[.fraction]][zone]]]]. Zone is Z or ±hh:mm; a space stands for
     * '+' because an unencoded '+' in a query string is decoded to a space.
     */
    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?"
                    + "(Z|[+\\- ]\\d{2}:\\d{2})?)?)?)?");

    public DateCondition {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        Objects.requireNonNull(text, "text");
        if (!lower.isBefore(upper)) {
            throw new IllegalArgumentException("empty range [" + lower + ", " + upper + ")");
        }
    }

    /** Parses {@code [prefix]date} for {@code parameter}; any problem is a 400 naming both. */
    public static DateCondition parse(String parameter, String value) {
        DatePrefix prefix = DatePrefix.EQ;
        String date = value;
        if (value.length() >= 2 && Character.isLetter(value.charAt(0))) {
            String code = value.substring(0, 2);
            prefix = DatePrefix.fromCode(code).orElseThrow(() -> SearchValues.badValue(parameter, value,
                    "has an unknown prefix '" + code + "' (use eq, ne, gt, lt, ge, le, sa or eb)"));
            date = value.substring(2);
        }
        Matcher m = DATE.matcher(date);
        if (!m.matches()) {
            throw SearchValues.badValue(parameter, value,
                    "is not a FHIR date (yyyy, yyyy-MM, yyyy-MM-dd or yyyy-MM-ddThh:mm[:ss[.fff]][Z|+hh:mm])");
        }
        try {
            return rangeOf(prefix, m, date.replace(' ', '+'));
        } catch (DateTimeException e) {
            throw SearchValues.badValue(parameter, value, "is not a possible date or time: " + e.getMessage());
        }
    }

    private static DateCondition rangeOf(DatePrefix prefix, Matcher m, String text) {
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) == null) {
            LocalDate first = LocalDate.of(year, 1, 1);
            return new DateCondition(prefix, utc(first), utc(first.plusYears(1)), text);
        }
        int month = Integer.parseInt(m.group(2));
        if (m.group(3) == null) {
            LocalDate first = LocalDate.of(year, month, 1);
            return new DateCondition(prefix, utc(first), utc(first.plusMonths(1)), text);
        }
        LocalDate day = LocalDate.of(year, month, Integer.parseInt(m.group(3)));
        if (m.group(4) == null) {
            return new DateCondition(prefix, utc(day), utc(day.plusDays(1)), text);
        }
        String seconds = m.group(6);
        String fraction = m.group(7);
        int nanos = fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
        LocalTime time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                seconds == null ? 0 : Integer.parseInt(seconds), nanos);
        String zone = m.group(8);
        ZoneOffset offset = zone == null ? ZoneOffset.UTC : ZoneOffset.of(zone.replace(' ', '+'));
        Instant lower = LocalDateTime.of(day, time).toInstant(offset);
        Duration unit = seconds == null ? Duration.ofMinutes(1)
                : fraction == null ? Duration.ofSeconds(1)
                : Duration.ofNanos(pow10(9 - fraction.length()));
        return new DateCondition(prefix, lower, lower.plus(unit), text);
    }

    private static Instant utc(LocalDate date) {
        return date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static long pow10(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }

    /** Does the point in time {@code v} satisfy this condition? See the class comment. */
    public boolean matches(Instant v) {
        if (v == null) {
            return false;
        }
        boolean inRange = !v.isBefore(lower) && v.isBefore(upper);
        return switch (prefix) {
            case EQ -> inRange;
            case NE -> !inRange;
            case GT, SA -> !v.isBefore(upper);
            case LT, EB -> v.isBefore(lower);
            case GE -> !v.isBefore(lower);
            case LE -> v.isBefore(upper);
        };
    }

    /** The query form ({@code ge2026-04-21}); EQ is written without a prefix. */
    public String format() {
        return prefix == DatePrefix.EQ ? text : prefix.code() + text;
    }
}
