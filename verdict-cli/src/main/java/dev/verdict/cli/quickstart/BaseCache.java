package dev.verdict.cli.quickstart;

import dev.verdict.hash.Sha256;
import dev.verdict.model.ModelInit;
import dev.verdict.model.ParamSpec;
import dev.verdict.train.checkpoint.Checkpoints;
import dev.verdict.train.checkpoint.ModelPaths;
import dev.verdict.train.config.Configs;
import dev.verdict.train.pretrain.PretrainConfig;
import dev.verdict.train.sft.SftConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Pretrained tiny bases, kept by what made them: the world's config and seed ({@code world.json}), the resolved
 * pretraining recipe, the process count, the seed and how the initial model is drawn. A second quickstart over the
 * same world reuses the base.
 */
final class BaseCache {
    /** Config keys that do not change the pretrained weights. */
    private static final Set<String> UNHASHED = Stream.concat(SftConfig.UNHASHED.stream(), Stream.of("model", "data"))
            .collect(java.util.stream.Collectors.toSet());

    /** How the initial base is drawn; part of the key, so a base drawn another way is never reused. */
    static final String INIT = "tiny, embedding std " + ParamSpec.MATRIX_STD;

    private final Path root;

    BaseCache(Path root) {
        this.root = root;
    }

    /** {@code $VERDICT_CACHE}, or {@code ~/.cache/verdict}. */
    static Path defaultRoot() {
        String env = System.getenv("VERDICT_CACHE");
        return env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "verdict");
    }

    /** The cached base for this world and recipe, pretraining one (under {@code out/pretrain}) when absent. */
    Path getOrTrain(Path world, Path recipe, QuickstartPlan plan, Pipeline pipe, long seed, Path out) {
        try {
            List<String> sets = new ArrayList<>(List.of("data=" + world.resolve("pretrain.jsonl")));
            if (plan.pretrainEpochs() > 0) {
                sets.add("train.epochs=" + plan.pretrainEpochs());
            }
            sets.addAll(plan.sizeOverrides());
            String key = key(world, Configs.resolve(PretrainConfig.defaults(), recipe, sets), pipe.nproc(), seed);
            Path dir = root.resolve("bases").resolve(key);
            if (Files.isRegularFile(dir.resolve("config.json"))) {
                System.out.println("reusing the pretrained base " + dir + " (same world, recipe and sizes)");
                return dir;
            }
            Path init = out.resolve("base-init");
            String tokenizer = Files.readString(world.resolve("tokenizer.json"));
            ModelInit.create(init, "tiny", tokenizer, "PreTrainedTokenizerFast", null, seed, ParamSpec.MATRIX_STD);
            Path run = out.resolve("pretrain");
            pipe.train("pretrain", recipe, init, null, run, seed, sets);
            Path trained = ModelPaths.resolve(run, "model");
            copyInto(trained, dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("pretrain cache: " + e.getMessage(), e);
        }
    }

    /**
     * The cache key: the world's config, the resolved pretraining config (every default filled in, so a changed
     * default is a new base; without the paths and bookkeeping), the process count, the seed and {@link #INIT}.
     */
    private static String key(Path world, PretrainConfig config, int nproc, long seed) throws IOException {
        return Sha256.hex(
                        Files.readAllBytes(world.resolve("world.json")),
                        Configs.hash(config, UNHASHED).getBytes(StandardCharsets.UTF_8),
                        (nproc + "/" + seed + "/" + INIT).getBytes(StandardCharsets.UTF_8))
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
