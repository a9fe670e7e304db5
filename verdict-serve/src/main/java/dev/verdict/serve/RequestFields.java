package dev.verdict.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of request JSON fields; every wrong or missing field is a 400 that names it. */
final class RequestFields {
    private RequestFields() {}

    /** The request body as a JSON object. */
    static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest(null, "the request body must be a JSON object");
        }
        return body;
    }

    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw ApiException.badRequest(field, "missing required field '" + field + "'");
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest(field, "'" + field + "' must be a string, got " + kind(v));
        }
        return v.textValue();
    }

    static String text(JsonNode o, String field, String fallback) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? fallback : text(o, field);
    }

    static boolean bool(JsonNode o, String field, boolean fallback) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw ApiException.badRequest(field, "'" + field + "' must be true or false, got " + kind(v));
        }
        return v.booleanValue();
    }

    /** An integer in [min, max]; above max is a 400 that says the limit. */
    static int integer(JsonNode o, String field, int fallback, int min, int max) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiException.badRequest(field, "'" + field + "' must be an integer, got " + kind(v));
        }
        int n = v.intValue();
        if (n < min || n > max) {
            throw ApiException.badRequest(field, "'" + field + "' must be in [" + min + ", " + max + "], got " + n);
        }
        return n;
    }

    static long seed(JsonNode o, String field, long fallback) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiException.badRequest(field, "'" + field + "' must be an integer, got " + kind(v));
        }
        return v.longValue();
    }

    static double number(JsonNode o, String field, double fallback, double min, double max) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw ApiException.badRequest(field, "'" + field + "' must be a number, got " + kind(v));
        }
        double d = v.doubleValue();
        if (!(d >= min && d <= max)) {
            throw ApiException.badRequest(field, "'" + field + "' must be in [" + min + ", " + max + "], got " + d);
        }
        return d;
    }

    /** An array of strings; absent gives an empty list when {@code required} is false. */
    static List<String> texts(JsonNode o, String field, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiException.badRequest(field, "missing required field '" + field + "'");
            }
            return List.of();
        }
        if (!v.isArray()) {
            throw ApiException.badRequest(field, "'" + field + "' must be an array of strings, got " + kind(v));
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual()) {
                throw ApiException.badRequest(
                        field + "[" + i + "]", "'" + field + "[" + i + "]' must be a string, got " + kind(e));
            }
            out.add(e.textValue());
        }
        return out;
    }

    static String kind(JsonNode v) {
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        return "null";
    }
}
