package dev.verdict.train.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.verdict.hash.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves a typed config: the record's defaults, then a YAML recipe, then {@code key.path=value} overrides, in
 * that order. Keys are snake_case; an unknown key, a wrong type or a value the record rejects is a
 * {@link ConfigException} naming the file and the dotted key, with the valid keys listed.
 */
public final class Configs {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());

    private Configs() {}

    /**
     * Resolves a config.
     *
     * @param defaults the record holding every default
     * @param recipe a YAML file, or null for the defaults alone
     * @param overrides {@code a.b.c=value} strings; the value is read as YAML ({@code 1e-4}, {@code true}, {@code [1, 2]})
     */
    public static <T extends Record> T resolve(T defaults, Path recipe, List<String> overrides) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) defaults.getClass();
        ObjectNode tree = JSON.valueToTree(defaults);
        if (recipe != null) {
            merge(tree, readYaml(recipe), "", recipe.toString());
        }
        for (String o : overrides) {
            applyOverride(tree, o);
        }
        return bind(tree, type, recipe == null ? "config" : recipe.toString());
    }

    /** The config as a JSON tree with snake_case keys. */
    public static ObjectNode tree(Record config) {
        return JSON.valueToTree(config);
    }

    /** A stable hash of a config (sha256 over canonical JSON), without the listed top-level or dotted keys. */
    public static String hash(Record config, Set<String> ignoredKeys) {
        ObjectNode tree = tree(config);
        for (String key : ignoredKeys) {
            String[] parts = key.split("\\.");
            JsonNode parent = tree;
            for (int i = 0; i < parts.length - 1 && parent != null; i++) {
                parent = parent.get(parts[i]);
            }
            if (parent instanceof ObjectNode o) {
                o.remove(parts[parts.length - 1]);
            }
        }
        try {
            byte[] canon = JSON.writeValueAsString(JSON.treeToValue(tree, Object.class))
                    .getBytes(StandardCharsets.UTF_8);
            return Sha256.hex(canon);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash config", e);
        }
    }

    private static JsonNode readYaml(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such config file");
        }
        try {
            JsonNode n = YAML.readTree(file.toFile());
            if (n == null || n.isMissingNode() || n.isNull()) {
                return JSON.createObjectNode();
            }
            if (!n.isObject()) {
                throw new ConfigException(file + ": expected a mapping of keys at the top level");
            }
            return n;
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    private static void merge(ObjectNode into, JsonNode from, String prefix, String origin) {
        for (Iterator<String> it = from.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String path = prefix + key;
            if (!into.has(key)) {
                throw new ConfigException(origin + ": unknown key '" + path + "'; valid keys here: " + keys(into));
            }
            JsonNode cur = into.get(key);
            JsonNode val = from.get(key);
            if (cur.isObject() && val.isObject()) {
                merge((ObjectNode) cur, val, path + ".", origin);
            } else if (cur.isObject() && !val.isNull()) {
                throw new ConfigException(origin + ": '" + path + "' is a section; expected keys " + keys(cur));
            } else {
                into.set(key, val);
            }
        }
    }

    private static void applyOverride(ObjectNode tree, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set " + override + ": expected key.path=value");
        }
        String path = override.substring(0, eq).trim();
        String raw = override.substring(eq + 1);
        JsonNode value;
        try {
            value = raw.isEmpty() ? JSON.getNodeFactory().textNode("") : YAML.readTree(raw);
        } catch (IOException e) {
            throw new ConfigException("--set " + path + ": cannot read value '" + raw + "': " + e.getMessage(), e);
        }
        ObjectNode patch = JSON.createObjectNode();
        ObjectNode cur = patch;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            cur = cur.putObject(parts[i]);
        }
        cur.set(parts[parts.length - 1], value == null ? JSON.nullNode() : value);
        merge(tree, patch, "", "--set " + path);
    }

    private static <T> T bind(ObjectNode tree, Class<T> type, String origin) {
        try {
            return JSON.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String where = path(e);
            String why = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            throw new ConfigException(origin + ": " + (where.isEmpty() ? "" : "'" + where + "': ") + why, e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            parts.add(r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]");
        }
        return String.join(".", parts);
    }

    private static String keys(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    static ObjectMapper json() {
        return JSON;
    }
}
