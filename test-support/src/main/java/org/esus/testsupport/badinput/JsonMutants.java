package org.esus.testsupport.badinput;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Request bodies derived from one valid FHIR JSON resource: up to three edits of its tree (drop
 * an element, a value of the wrong type, an unknown element, a bad date, code or reference, a
 * wrong resourceType, deep nesting, huge strings, long arrays), then perhaps one edit of its
 * bytes (truncation, random or non-UTF-8 bytes, a duplicated key, trailing garbage, another
 * encoding, or no JSON object at all), sent with a Content-Type that is usually right. Some
 * inputs keep the body valid; the property decides what the server must answer.
 */
public final class JsonMutants {

    /** Writes the deep nesting edits ask for (Jackson refuses to write more than 1000 levels by default). */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(100_000).build()).build());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonMutants() {
    }

    /** A request body and its Content-Type (null: no header), with what was done to the valid body. */
    public record Mutant(String description, String contentType, byte[] body) {

        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            String shown = text.length() > 300 ? text.substring(0, 300) + "...(" + body.length + " bytes)" : text;
            return description + ", Content-Type " + contentType + ": " + escape(shown);
        }
    }

    private interface Edit extends Function<ObjectNode, String> {
    }

    private record Bytes(String description, UnaryOperator<byte[]> edit) {
    }

    /** Mutants of {@code validJson}, a JSON object. */
    public static Arbitrary<Mutant> of(String validJson) {
        ObjectNode valid = parse(validJson);
        Arbitrary<List<Edit>> edits = treeEdits().list().ofMinSize(0).ofMaxSize(3);
        Arbitrary<Optional<Bytes>> bytes = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Optional.<Bytes>empty())),
                Tuple.of(2, byteEdits().map(Optional::of)));
        return Combinators.combine(edits, bytes, contentTypes()).as((treeEdits, byteEdit, contentType) -> {
            ObjectNode tree = valid.deepCopy();
            List<String> done = new ArrayList<>();
            for (Edit edit : treeEdits) {
                done.add(edit.apply(tree));
            }
            byte[] body = write(tree);
            if (byteEdit.isPresent()) {
                body = byteEdit.get().edit().apply(body);
                done.add(byteEdit.get().description());
            }
            if (!"application/fhir+json".equals(contentType)) {
                done.add("content-type");
            }
            return new Mutant(done.isEmpty() ? "unchanged" : String.join("; ", done), contentType, body);
        });
    }

    // ------------------------------------------------------------------ edits of the tree

    private static Arbitrary<Edit> treeEdits() {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1 << 20);
        return Arbitraries.frequencyOf(
                Tuple.of(5, pick.map(JsonMutants::drop)),
                Tuple.of(4, Combinators.combine(pick, wrongValues()).as(JsonMutants::retype)),
                Tuple.of(3, Combinators.combine(pick, unknownNames(), unknownValues()).as(JsonMutants::addUnknown)),
                Tuple.of(6, Combinators.combine(pick, BadValues.strings()).as(JsonMutants::replaceString)),
                Tuple.of(2, resourceTypes().map(JsonMutants::resourceType)),
                Tuple.of(1, Combinators.combine(pick, Arbitraries.integers().between(2, 3000), Arbitraries.of(true, false))
                        .as(JsonMutants::nest)),
                Tuple.of(2, Combinators.combine(pick, Arbitraries.of(3_000, 20_000, 300_000, 1_048_577, 2_500_000)).as(JsonMutants::huge)),
                Tuple.of(1, Combinators.combine(pick, Arbitraries.integers().between(2, 20_000)).as(JsonMutants::repeat)));
    }

    private static Edit drop(int pick) {
        return root -> {
            Place place = pick(Place.all(root), pick);
            if (place == null) {
                return "drop nothing";
            }
            place.remove();
            return "drop " + place.path();
        };
    }

    private static Edit retype(int pick, Function<JsonNodeFactory, JsonNode> value) {
        return root -> {
            Place place = pick(Place.all(root), pick);
            if (place == null) {
                return "retype nothing";
            }
            JsonNode node = value.apply(NODES);
            place.set(node);
            return "retype " + place.path() + " to " + abbreviate(node.toString());
        };
    }

    private static Edit addUnknown(int pick, String name, Function<JsonNodeFactory, JsonNode> value) {
        return root -> {
            List<ObjectNode> objects = new ArrayList<>();
            objects.add(root);
            Place.all(root).stream().map(Place::value).filter(JsonNode::isObject).forEach(n -> objects.add((ObjectNode) n));
            ObjectNode target = objects.get(Math.floorMod(pick, objects.size()));
            JsonNode node = value.apply(NODES);
            target.set(name, node);
            return "add " + name + "=" + abbreviate(node.toString());
        };
    }

    private static Edit replaceString(int pick, String value) {
        return root -> {
            List<Place> all = Place.all(root);
            List<Place> strings = all.stream().filter(p -> p.value().isTextual()).toList();
            Place place = pick(strings.isEmpty() ? all : strings, pick);
            if (place == null) {
                return "string nothing";
            }
            place.set(NODES.textNode(value));
            return "string " + place.path() + "=\"" + abbreviate(escape(value)) + "\"";
        };
    }

    private static Edit resourceType(JsonNode value) {
        return root -> {
            if (value.isMissingNode()) {
                root.remove("resourceType");
                return "drop resourceType";
            }
            root.set("resourceType", value.deepCopy());
            return "resourceType " + value;
        };
    }

    private static Edit nest(int pick, int depth, boolean arrays) {
        return root -> {
            Place place = pick(Place.all(root), pick);
            if (place == null) {
                return "nest nothing";
            }
            JsonNode node = place.value();
            for (int i = 0; i < depth; i++) {
                node = arrays ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
            }
            place.set(node);
            return "nest " + place.path() + " in " + depth + (arrays ? " arrays" : " objects");
        };
    }

    /** Lengthens a string by {@code length} characters: it keeps its start (a URL stays a URL), so only its length is wrong. */
    private static Edit huge(int pick, int length) {
        return root -> {
            List<Place> strings = Place.all(root).stream().filter(p -> p.value().isTextual()).toList();
            Place place = pick(strings, pick);
            String tail = BadValues.incompressible(length);
            if (place == null) {
                root.put("comment", tail);
                return "huge comment of " + length;
            }
            place.set(NODES.textNode(place.value().asText() + tail));
            return "lengthen " + place.path() + " by " + length;
        };
    }

    private static Edit repeat(int pick, int copies) {
        return root -> {
            Place place = pick(Place.all(root), pick);
            if (place == null) {
                return "repeat nothing";
            }
            ArrayNode array = NODES.arrayNode();
            JsonNode element = place.value().isArray() && !place.value().isEmpty() ? place.value().get(0) : place.value();
            for (int i = 0; i < copies; i++) {
                array.add(element.deepCopy());
            }
            place.set(array);
            return "repeat " + place.path() + " " + copies + " times";
        };
    }

    private static Arbitrary<Function<JsonNodeFactory, JsonNode>> wrongValues() {
        List<Function<JsonNodeFactory, JsonNode>> values = List.of(
                f -> f.numberNode(42), f -> f.numberNode(-1), f -> f.numberNode(1.5), f -> f.numberNode(Long.MAX_VALUE),
                f -> f.numberNode(new java.math.BigDecimal("1e400")), f -> f.numberNode(new java.math.BigInteger("9".repeat(40))),
                f -> f.booleanNode(true), f -> f.booleanNode(false), f -> f.nullNode(), f -> f.textNode(""),
                f -> f.textNode("x"), f -> f.arrayNode(), f -> f.objectNode(), f -> f.arrayNode().add("a").add(1),
                f -> f.objectNode().put("reference", "x"), f -> f.arrayNode().addNull(),
                f -> f.arrayNode().add(f.objectNode()));
        return Arbitraries.of(values);
    }

    private static Arbitrary<String> unknownNames() {
        return Arbitraries.oneOf(
                Arbitraries.of("colour", "_status", "Status", "status ", "", " ", "extension", "modifierExtension",
                        "contained", "text", "meta", "id", "implicitRules", "language", "fhir_comments", "_start", "_end",
                        "_criteria", "__proto__", "@context", "resourceType", "identifier", "\u0000", "名前"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12));
    }

    private static Arbitrary<Function<JsonNodeFactory, JsonNode>> unknownValues() {
        List<Function<JsonNodeFactory, JsonNode>> structures = List.of(
                f -> f.arrayNode().add(f.objectNode().put("url", "http://example.org/x").put("valueString", "v")),
                f -> f.arrayNode().add(f.objectNode().put("url", "")),
                f -> f.arrayNode().add(f.objectNode().put("valueString", "no url")),
                f -> f.arrayNode().add(f.objectNode().put("resourceType", "Patient").put("id", "p")),
                f -> f.arrayNode().add(f.objectNode().put("resourceType", "Nope")),
                f -> f.objectNode().put("versionId", "99").put("lastUpdated", "yesterday"),
                f -> f.objectNode().put("status", "generated").put("div", "<div>not xhtml"),
                f -> f.objectNode().put("status", "generated").put("div", "<div xmlns=\"http://www.w3.org/1999/xhtml\">ok</div>"),
                f -> f.objectNode().set("extension", f.arrayNode().add(f.objectNode().put("url", "http://x").put("valueInteger", "1"))),
                f -> f.arrayNode().add(f.objectNode().put("system", "urn:has space").put("value", "1")));
        return Arbitraries.oneOf(wrongValues(), Arbitraries.of(structures));
    }

    /** Values for resourceType; the missing node drops it. */
    private static Arbitrary<JsonNode> resourceTypes() {
        List<JsonNode> values = new ArrayList<>(List.of(NODES.missingNode(), NODES.numberNode(42), NODES.nullNode(),
                NODES.arrayNode().add("Slot"), NODES.objectNode()));
        for (String type : List.of("Patient", "Bundle", "OperationOutcome", "Slot", "Schedule", "Appointment", "Subscription",
                "slot", "", "Nope", "Slot ")) {
            values.add(NODES.textNode(type));
        }
        return Arbitraries.of(values);
    }

    // ------------------------------------------------------------------ edits of the bytes

    private static Arbitrary<Bytes> byteEdits() {
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8);
        Arbitrary<byte[]> invalidUtf8 = Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                new byte[] {0x00}, new byte[] {(byte) 0xFE, (byte) 0xFF});
        return Arbitraries.frequencyOf(
                Tuple.of(4, where.map(f -> new Bytes("truncate at " + percent(f), b -> slice(b, 0, at(b, f))))),
                Tuple.of(3, Combinators.combine(where, random).as((f, inserted) ->
                        new Bytes("insert " + hex(inserted) + " at " + percent(f), b -> insert(b, at(b, f), inserted)))),
                Tuple.of(3, Combinators.combine(where, invalidUtf8).as((f, inserted) ->
                        new Bytes("insert non-UTF-8 " + hex(inserted) + " in a string", b -> insert(b, inString(b, f), inserted)))),
                Tuple.of(2, Combinators.combine(where, Arbitraries.integers().between(1, 40)).as((f, n) ->
                        new Bytes("delete " + n + " bytes at " + percent(f), b -> delete(b, at(b, f), n)))),
                Tuple.of(2, Arbitraries.of("\"resourceType\":\"Patient\",", "\"resourceType\":\"Slot\",", "\"status\":42,",
                        "\"id\":\"x\",", "\"status\":\"free\",\"status\":null,").map(key ->
                        new Bytes("prefix the members with " + key, b -> insert(b, 1, key.getBytes(StandardCharsets.UTF_8))))),
                Tuple.of(2, Arbitraries.of("}", "x", "{}", ",", "\u0000", "\n]", "{\"resourceType\":\"Slot\"}").map(tail ->
                        new Bytes("append " + escape(tail), b -> insert(b, b.length, tail.getBytes(StandardCharsets.UTF_8))))),
                Tuple.of(2, Arbitraries.of("", " ", "null", "[]", "{}", "{ }", "\"text\"", "123", "true", "{\"resourceType\"", "{]")
                        .map(whole -> new Bytes("body " + (whole.isEmpty() ? "empty" : whole),
                                b -> whole.getBytes(StandardCharsets.UTF_8)))),
                Tuple.of(1, Arbitraries.just(new Bytes("wrap in an array", b -> wrap(b, "[", "]")))),
                Tuple.of(2, Arbitraries.of("UTF-16", "UTF-16LE", "UTF-32", "BOM").map(encoding ->
                        new Bytes("encode as " + encoding, b -> encode(b, encoding)))));
    }

    private static int at(byte[] body, double fraction) {
        return (int) Math.floor(body.length * fraction);
    }

    /** A position just after an opening quote, so inserted bytes land inside a JSON string. */
    private static int inString(byte[] body, double fraction) {
        List<Integer> quotes = new ArrayList<>();
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '"') {
                quotes.add(i + 1);
            }
        }
        return quotes.isEmpty() ? at(body, fraction) : quotes.get(Math.min(quotes.size() - 1, (int) (quotes.size() * fraction)));
    }

    private static byte[] slice(byte[] body, int from, int to) {
        return java.util.Arrays.copyOfRange(body, from, to);
    }

    private static byte[] insert(byte[] body, int at, byte[] inserted) {
        byte[] out = new byte[body.length + inserted.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(body, at, out, at + inserted.length, body.length - at);
        return out;
    }

    private static byte[] delete(byte[] body, int at, int count) {
        int end = Math.min(body.length, at + count);
        byte[] out = new byte[body.length - (end - at)];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(body, end, out, at, body.length - end);
        return out;
    }

    private static byte[] wrap(byte[] body, String before, String after) {
        return insert(insert(body, body.length, after.getBytes(StandardCharsets.UTF_8)), 0, before.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] encode(byte[] body, String encoding) {
        if (encoding.equals("BOM")) {
            return insert(body, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        return new String(body, StandardCharsets.UTF_8).getBytes(java.nio.charset.Charset.forName(encoding));
    }

    // ------------------------------------------------------------------ content types

    private static Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.just("application/fhir+json")),
                Tuple.of(3, Arbitraries.of("application/json", "application/fhir+json; charset=utf-8",
                        "application/fhir+json; fhirVersion=4.0", "application/json+fhir")),
                Tuple.of(3, Arbitraries.of("application/fhir+json; charset=ISO-8859-1", "application/fhir+json; charset=UTF-16",
                        "application/fhir+json; charset=nonsense", "application/fhir+json; charset=", "application/fhir+json;;",
                        "application/fhir+xml", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                        "*/*", "application/*", "application/", "garbage", "application/fhir+json, text/plain")),
                Tuple.of(1, Arbitraries.just((String) null)));
    }

    // ------------------------------------------------------------------ the tree

    /** A member of an object or an element of an array, with its JSON path. */
    private record Place(JsonNode parent, String field, int index, String path) {

        /** Places no deeper than {@value #MAX_DEPTH}: inside a deeply nested value, one place is like another. */
        static final int MAX_DEPTH = 24;

        static List<Place> all(JsonNode root) {
            List<Place> places = new ArrayList<>();
            collect(root, "$", 0, places);
            return places;
        }

        private static void collect(JsonNode node, String path, int depth, List<Place> into) {
            if (depth == MAX_DEPTH) {
                return;
            }
            if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    Place place = new Place(node, field.getKey(), -1, path + "." + field.getKey());
                    into.add(place);
                    collect(field.getValue(), place.path(), depth + 1, into);
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    Place place = new Place(node, null, i, path + "[" + i + "]");
                    into.add(place);
                    collect(node.get(i), place.path(), depth + 1, into);
                }
            }
        }

        JsonNode value() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static Place pick(List<Place> places, int pick) {
        return places.isEmpty() ? null : places.get(Math.floorMod(pick, places.size()));
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("not a JSON object: " + json, e);
        }
    }

    /** Serialized through a String, so a lone surrogate becomes '?' instead of failing. */
    private static byte[] write(JsonNode tree) {
        try {
            return JSON.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 100) + "%";
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02X", b & 0xff));
        }
        return out.toString();
    }

    static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "...(" + text.length() + " chars)" : text;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
