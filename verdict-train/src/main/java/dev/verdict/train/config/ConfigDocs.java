package dev.verdict.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a config as YAML with each field's {@link Doc} line as a comment above it (and the choices of an enum
 * field), so a printed or saved config explains itself and reads back through {@link Configs#resolve}.
 */
public final class ConfigDocs {
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private ConfigDocs() {}

    /** The config as commented YAML, under an optional header comment. */
    public static String yaml(Record config, String header) {
        StringBuilder out = new StringBuilder();
        if (header != null && !header.isEmpty()) {
            header.lines().forEach(l -> out.append("# ").append(l).append('\n'));
            out.append('\n');
        }
        write(out, config.getClass(), Configs.tree(config), 0);
        return out.toString();
    }

    /** Every documented key as "dotted.key: doc", for help texts and the recipe check. */
    public static List<String> keyDocs(Class<? extends Record> type) {
        List<String> out = new ArrayList<>();
        collect(out, type, "");
        return out;
    }

    private static void collect(List<String> out, Class<?> type, String prefix) {
        for (RecordComponent c : type.getRecordComponents()) {
            String key = prefix + SNAKE.translate(c.getName());
            if (c.getType().isRecord()) {
                collect(out, c.getType(), key + ".");
            } else {
                out.add(key + ": " + doc(c));
            }
        }
    }

    private static void write(StringBuilder out, Class<?> type, JsonNode values, int depth) {
        String indent = "  ".repeat(depth);
        for (RecordComponent c : type.getRecordComponents()) {
            String key = SNAKE.translate(c.getName());
            String doc = doc(c);
            if (!doc.isEmpty()) {
                out.append(indent).append("# ").append(doc);
                if (c.getType().isEnum()) {
                    out.append(" (")
                            .append(String.join(" | ", choices(c.getType())))
                            .append(')');
                }
                out.append('\n');
            }
            JsonNode v = values.get(key);
            if (c.getType().isRecord()) {
                out.append(indent).append(key).append(":\n");
                write(out, c.getType(), v, depth + 1);
                if (depth == 0) {
                    out.append('\n');
                }
            } else {
                out.append(indent).append(key).append(": ").append(scalar(v)).append('\n');
            }
        }
    }

    private static String doc(RecordComponent c) {
        Doc d = c.getAnnotation(Doc.class);
        return d == null ? "" : d.value();
    }

    /** The names an enum type reads and writes. */
    public static List<String> choices(Class<?> enumType) {
        List<String> names = new ArrayList<>();
        for (Object constant : enumType.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            try {
                JsonProperty p = enumType.getField(name).getAnnotation(JsonProperty.class);
                names.add(p != null ? p.value() : name);
            } catch (NoSuchFieldException e) {
                names.add(name);
            }
        }
        return names;
    }

    private static String scalar(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            String s = v.asText();
            boolean plain =
                    s.matches("[A-Za-z_./][A-Za-z0-9_./+-]*") && !s.matches("(?i)true|false|null|yes|no|on|off");
            return plain ? s : quote(s);
        }
        try {
            return Configs.json().writeValueAsString(v).replace(",", ", ");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
