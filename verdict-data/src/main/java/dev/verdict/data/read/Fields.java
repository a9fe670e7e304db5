package dev.verdict.data.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verdict.judge.ImageRef;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Field access that fails with the field's name. */
final class Fields {
    private Fields() {}

    /** A required non-empty string. */
    static String text(JsonNode r, String field) throws RowException {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            throw new RowException(field, "missing");
        }
        if (!v.isTextual()) {
            throw new RowException(
                    field, "must be a string, got " + v.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        if (v.asText().isBlank()) {
            throw new RowException(field, "is empty");
        }
        return v.asText();
    }

    /** An optional string (empty when absent or null); numbers are accepted as their text. */
    static String optional(JsonNode r, String field) throws RowException {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isTextual() || v.isNumber()) {
            return v.asText();
        }
        throw new RowException(field, "must be a string");
    }

    /** The first present field of {@code names}. */
    static String firstText(JsonNode r, String... names) throws RowException {
        for (String n : names) {
            if (r.has(n)) {
                return text(r, n);
            }
        }
        throw new RowException(names[0], "missing");
    }

    /**
     * Images from a field holding one image or a list: a string (path, or {@code data:} URL), or an object with
     * {@code bytes} (base64, as Parquet binary arrives) and/or {@code path}. Absent or null means no image.
     */
    static List<ImageRef> images(JsonNode r, String field, Path root) throws RowException {
        JsonNode v = r.get(field);
        List<ImageRef> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                out.add(image(v.get(i), field + "[" + i + "]", root));
            }
        } else {
            out.add(image(v, field, root));
        }
        return out;
    }

    private static ImageRef image(JsonNode v, String field, Path root) throws RowException {
        if (v.isTextual()) {
            String s = v.asText();
            if (s.isBlank()) {
                throw new RowException(field, "empty image reference");
            }
            return s.startsWith("data:") ? ImageRef.base64(s) : ImageRef.path(resolve(root, s));
        }
        if (v.isObject()) {
            JsonNode bytes = v.get("bytes");
            if (bytes != null && bytes.isTextual() && !bytes.asText().isEmpty()) {
                try {
                    return ImageRef.bytes(Base64.getMimeDecoder().decode(bytes.asText()));
                } catch (IllegalArgumentException e) {
                    throw new RowException(field + ".bytes", "invalid base64: " + e.getMessage());
                }
            }
            JsonNode path = v.get("path");
            if (path != null && path.isTextual() && !path.asText().isBlank()) {
                return ImageRef.path(resolve(root, path.asText()));
            }
            throw new RowException(field, "image object has neither bytes nor path");
        }
        throw new RowException(field, "an image must be a string or an object {bytes, path}");
    }

    private static Path resolve(Path root, String p) throws RowException {
        try {
            Path path = Path.of(p);
            return path.isAbsolute() || root == null ? path : root.resolve(path);
        } catch (InvalidPathException e) {
            throw new RowException("image", "invalid path '" + p + "'");
        }
    }
}
