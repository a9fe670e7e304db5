package dev.verdict.train.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything besides weights and optimizer moments that a run needs to continue exactly where it stopped.
 *
 * @param step optimizer steps taken
 * @param dataCursor examples consumed in the current epoch
 * @param epoch current epoch (0-based)
 * @param seed the run seed (data order and sampling derive from it and the step)
 * @param configHash hash of the resolved config, to refuse resuming under another config
 * @param provenance free-form facts (git SHA, data hashes, versions)
 */
public record TrainerState(
        long step, long dataCursor, int epoch, long seed, String configHash, Map<String, String> provenance) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public TrainerState {
        provenance = Map.copyOf(provenance);
    }

    public void write(Path file) {
        ObjectNode n = JSON.createObjectNode();
        n.put("step", step);
        n.put("data_cursor", dataCursor);
        n.put("epoch", epoch);
        n.put("seed", seed);
        n.put("config_hash", configHash);
        ObjectNode p = n.putObject("provenance");
        provenance.forEach(p::put);
        try {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static TrainerState read(Path file) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            for (String key : new String[] {"step", "data_cursor", "epoch", "seed", "config_hash"}) {
                if (n == null || !n.hasNonNull(key)) {
                    throw new IllegalArgumentException(file + ": missing \"" + key + "\"");
                }
            }
            Map<String, String> prov = new LinkedHashMap<>();
            n.path("provenance")
                    .properties()
                    .forEach(e -> prov.put(e.getKey(), e.getValue().asText()));
            return new TrainerState(
                    n.get("step").asLong(),
                    n.get("data_cursor").asLong(),
                    n.get("epoch").asInt(),
                    n.get("seed").asLong(),
                    n.get("config_hash").asText(),
                    prov);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trainer state " + file + ": " + e.getMessage(), e);
        }
    }
}
