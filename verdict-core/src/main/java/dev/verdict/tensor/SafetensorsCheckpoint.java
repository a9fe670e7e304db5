package dev.verdict.tensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.Tensor;

/**
 * The weights of a Hugging Face model directory: one {@code model.safetensors}, or shards listed by
 * {@code model.safetensors.index.json} ({@code {"metadata": {"total_size": N}, "weight_map": {name:
 * shard}}}). Reading always follows the weight map; writing shards above a size limit the same way.
 */
public final class SafetensorsCheckpoint implements AutoCloseable {
    public static final String SINGLE = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Map<String, SafetensorsFile> byTensor;
    private final List<SafetensorsFile> files;

    private SafetensorsCheckpoint(Path dir, Map<String, SafetensorsFile> byTensor, List<SafetensorsFile> files) {
        this.dir = dir;
        this.byTensor = byTensor;
        this.files = files;
    }

    /** Opens the weights in {@code dir} (index + shards, or a single file). */
    public static SafetensorsCheckpoint open(Path dir) {
        Path index = dir.resolve(INDEX);
        Map<String, SafetensorsFile> byTensor = new LinkedHashMap<>();
        List<SafetensorsFile> files = new ArrayList<>();
        try {
            if (Files.isRegularFile(index)) {
                Map<String, String> weightMap = readWeightMap(index);
                Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
                for (var e : weightMap.entrySet()) {
                    SafetensorsFile f = shards.computeIfAbsent(e.getValue(), s -> openShard(dir, index, s, files));
                    if (!f.tensors().containsKey(e.getKey())) {
                        throw new IllegalArgumentException(index + " maps \"" + e.getKey() + "\" to " + e.getValue()
                                + ", which does not contain it");
                    }
                    byTensor.put(e.getKey(), f);
                }
            } else if (Files.isRegularFile(dir.resolve(SINGLE))) {
                SafetensorsFile f = SafetensorsFile.open(dir.resolve(SINGLE));
                files.add(f);
                f.tensors().keySet().forEach(n -> byTensor.put(n, f));
            } else {
                throw new IllegalArgumentException("no " + SINGLE + " or " + INDEX + " in " + dir);
            }
        } catch (RuntimeException e) {
            files.forEach(SafetensorsFile::close);
            throw e;
        }
        return new SafetensorsCheckpoint(dir, byTensor, files);
    }

    private static SafetensorsFile openShard(Path dir, Path index, String shard, List<SafetensorsFile> files) {
        Path p = dir.resolve(shard);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(index + " names shard " + shard + ", which is missing");
        }
        SafetensorsFile f = SafetensorsFile.open(p);
        files.add(f);
        return f;
    }

    private static Map<String, String> readWeightMap(Path index) {
        try {
            JsonNode root = JSON.readTree(index.toFile());
            JsonNode map = root == null ? null : root.get("weight_map");
            if (map == null || !map.isObject()) {
                throw new IllegalArgumentException(index + ": missing \"weight_map\" object");
            }
            Map<String, String> out = new LinkedHashMap<>();
            map.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + index + ": " + e.getMessage(), e);
        }
    }

    public Set<String> names() {
        return byTensor.keySet();
    }

    public TensorInfo info(String name) {
        return file(name).info(name);
    }

    /** Zero-copy view (valid while this checkpoint is reachable). */
    public Tensor view(String name) {
        return file(name).view(name);
    }

    /** A copy in memory the tensor owns. */
    public Tensor copy(String name) {
        return file(name).copy(name);
    }

    private SafetensorsFile file(String name) {
        SafetensorsFile f = byTensor.get(name);
        if (f == null) {
            throw new IllegalArgumentException("tensor \"" + name + "\" not in checkpoint " + dir);
        }
        return f;
    }

    /**
     * Saves {@code tensors} into {@code dir}: one {@value #SINGLE} when they fit in {@code maxShardBytes},
     * else {@code model-0000k-of-0000n.safetensors} shards plus the index. Removes stale weight files.
     */
    public static void save(Path dir, Map<String, Tensor> tensors, long maxShardBytes) {
        try {
            Files.createDirectories(dir);
            deleteOldWeights(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
        List<Map<String, Tensor>> shards = split(tensors, maxShardBytes);
        Map<String, String> meta = Map.of("format", "pt");
        if (shards.size() == 1) {
            SafetensorsWriter.write(dir.resolve(SINGLE), shards.getFirst(), meta);
            return;
        }
        ObjectNode index = JSON.createObjectNode();
        ObjectNode weightMap = JSON.createObjectNode();
        long total = 0;
        for (int i = 0; i < shards.size(); i++) {
            String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
            total += SafetensorsWriter.write(dir.resolve(name), shards.get(i), meta);
            shards.get(i).keySet().forEach(k -> weightMap.put(k, name));
        }
        index.putObject("metadata").put("total_size", total);
        index.set("weight_map", weightMap);
        try {
            Files.writeString(
                    dir.resolve(INDEX), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(index));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(INDEX), e);
        }
    }

    private static List<Map<String, Tensor>> split(Map<String, Tensor> tensors, long maxShardBytes) {
        List<Map<String, Tensor>> shards = new ArrayList<>();
        Map<String, Tensor> current = new LinkedHashMap<>();
        long size = 0;
        for (var e : tensors.entrySet()) {
            long bytes = e.getValue().numel() * e.getValue().element_size();
            if (!current.isEmpty() && size + bytes > maxShardBytes) {
                shards.add(current);
                current = new LinkedHashMap<>();
                size = 0;
            }
            current.put(e.getKey(), e.getValue());
            size += bytes;
        }
        shards.add(current);
        return shards;
    }

    private static void deleteOldWeights(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".safetensors") || n.equals(INDEX)) {
                    Files.delete(p);
                }
            }
        }
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }
}
