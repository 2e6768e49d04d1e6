package org.esus.slot;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import org.esus.testsupport.TestTokens;

/** Request builders and FHIR JSON bodies the slot-service tests share. */
public final class Fixtures {

    public static final String FHIR_JSON = "application/fhir+json";

    private Fixtures() {
    }

    public static RequestSpecification api() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.ALL_SCOPES)).contentType(FHIR_JSON);
    }

    public static RequestSpecification api(String scopes) {
        return given().header("Authorization", TestTokens.bearer(scopes)).contentType(FHIR_JSON);
    }

    public static String schedule(String... actors) {
        StringBuilder refs = new StringBuilder();
        for (String actor : actors) {
            refs.append(refs.length() == 0 ? "" : ",").append("{\"reference\":\"").append(actor).append("\"}");
        }
        return "{\"resourceType\":\"Schedule\",\"active\":true,\"actor\":[" + refs + "]}";
    }

    public static String slot(String scheduleId, String status, Instant start, int minutes) {
        return slot(scheduleId, status, start, minutes, false);
    }

    public static String slot(String scheduleId, String status, Instant start, int minutes, boolean overbooked) {
        return "{\"resourceType\":\"Slot\",\"schedule\":{\"reference\":\"Schedule/" + scheduleId + "\"},"
                + "\"status\":\"" + status + "\",\"start\":\"" + start + "\",\"end\":\"" + start.plusSeconds(60L * minutes)
                + "\",\"overbooked\":" + overbooked + "}";
    }

    /** Creates a Schedule for the actors; returns its id. */
    public static String createSchedule(String... actors) {
        return api().body(schedule(actors)).post("/fhir/Schedule").then().statusCode(201).extract().path("id");
    }

    public static String createSlot(String scheduleId, String status, Instant start) {
        return api().body(slot(scheduleId, status, start, 15)).post("/fhir/Slot").then().statusCode(201)
                .extract().path("id");
    }

    public static Response get(String path) {
        return api().get(path);
    }
}
