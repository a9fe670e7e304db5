package dev.verdict.train.pretrain;

import dev.verdict.hash.Sha256;
import dev.verdict.train.checkpoint.Checkpoints;
import dev.verdict.train.config.Configs;
import dev.verdict.train.sft.SftConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Pretrained bases, kept by what made them: the world's config and seed ({@code world.json}), the resolved
 * pretraining config, the process count, the seed and how the initial model was drawn. A second pipeline over the
 * same world and recipe reuses the base instead of pretraining again.
 */
public final class BaseCache {
    /** Config keys that do not change the pretrained weights. */
    private static final Set<String> UNHASHED = Stream.concat(SftConfig.UNHASHED.stream(), Stream.of("model", "data"))
            .collect(Collectors.toSet());

    private final Path root;

    public BaseCache(Path root) {
        this.root = root;
    }

    /** {@code $VERDICT_CACHE}, or {@code ~/.cache/verdict}. */
    public static Path defaultRoot() {
        String env = System.getenv("VERDICT_CACHE");
        return env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "verdict");
    }

    /**
     * The cached base for these inputs, or the model folder {@code pretrain} returns, copied into the cache.
     *
     * @param world the synthetic world's folder (its {@code world.json} is part of the key)
     * @param config the resolved pretraining config (every default filled in, so a changed default is a new base;
     *     its paths and bookkeeping keys are left out of the key)
     * @param init how the initial model is drawn, in words; a base drawn another way is never reused
     * @param pretrain runs the pretraining and returns the trained model folder
     */
    public Path getOrTrain(
            Path world, PretrainConfig config, int nproc, long seed, String init, Supplier<Path> pretrain) {
        try {
            Path dir = root.resolve("bases").resolve(key(world, config, nproc, seed, init));
            if (Files.isRegularFile(dir.resolve("config.json"))) {
                System.out.println("reusing the pretrained base " + dir + " (same world, recipe and sizes)");
                return dir;
            }
            copyInto(pretrain.get(), dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("pretrain cache: " + e.getMessage(), e);
        }
    }

    private static String key(Path world, PretrainConfig config, int nproc, long seed, String init) throws IOException {
        return Sha256.hex(
                        Files.readAllBytes(world.resolve("world.json")),
                        Configs.hash(config, UNHASHED).getBytes(StandardCharsets.UTF_8),
                        (nproc + "/" + seed + "/" + init).getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
    }

    /** Copies the model files of a checkpoint (not its trainer state) into {@code dest}, atomically. */
    private static void copyInto(Path checkpoint, Path dest) throws IOException {
        Path tmp = dest.resolveSibling(dest.getFileName() + ".tmp");
        Checkpoints.deleteTree(tmp);
        Files.createDirectories(tmp);
        try (Stream<Path> files = Files.list(checkpoint)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, tmp.resolve(f.getFileName()));
            }
        }
        Checkpoints.deleteTree(dest);
        Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
    }
}
