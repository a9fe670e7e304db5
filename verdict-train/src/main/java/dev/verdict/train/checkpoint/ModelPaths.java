package dev.verdict.train.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a model path points: a model directory, or a training run's latest checkpoint named by the run folder, its
 * {@code checkpoints} folder or the {@code checkpoints/latest} pointer file itself.
 */
public final class ModelPaths {
    private ModelPaths() {}

    /**
     * @param path a Hugging Face model directory, a run folder with {@code checkpoints/latest}, that
     *     {@code checkpoints} folder, or the {@code latest} file
     * @param key the config key or option, for the error message
     * @return the model directory
     */
    public static Path resolve(Path path, String key) {
        if (Files.isRegularFile(path.resolve("config.json"))) {
            return path;
        }
        return runOf(path)
                .flatMap(Checkpoints::latest)
                .orElseThrow(() -> new IllegalArgumentException(key + ": " + path
                        + " is neither a model directory (no config.json) nor a run folder with checkpoints"));
    }

    /** The run folder {@code path} names, by itself or through its checkpoints folder or pointer file. */
    private static Optional<Path> runOf(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (Files.isRegularFile(abs) && abs.getFileName().toString().equals(Checkpoints.LATEST) && parent != null) {
            return Optional.ofNullable(parent.getParent());
        }
        if (abs.getFileName() != null
                && abs.getFileName().toString().equals(Checkpoints.DIR)
                && Files.isRegularFile(abs.resolve(Checkpoints.LATEST))) {
            return Optional.ofNullable(parent);
        }
        return Optional.of(path);
    }
}
