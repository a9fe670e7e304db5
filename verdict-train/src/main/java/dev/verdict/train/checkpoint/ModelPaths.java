package dev.verdict.train.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where a config's model path points: a model directory, or a run folder (its latest checkpoint). */
public final class ModelPaths {
    private ModelPaths() {}

    /**
     * @param path a Hugging Face model directory, or a run folder with {@code checkpoints/latest}
     * @param key the config key, for the error message
     */
    public static Path resolve(Path path, String key) {
        if (Files.isRegularFile(path.resolve("config.json"))) {
            return path;
        }
        return Checkpoints.latest(path)
                .orElseThrow(() -> new IllegalArgumentException(key + ": " + path
                        + " is neither a model directory (no config.json) nor a run folder with checkpoints"));
    }
}
