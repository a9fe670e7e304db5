package dev.verdict.train.checkpoint;

import dev.verdict.image.ImageProcessorConfig;
import dev.verdict.image.PreprocessorConfigJson;
import dev.verdict.judge.prompt.PromptLayout;
import dev.verdict.model.ModelFiles;
import dev.verdict.model.QwenVL;
import dev.verdict.tensor.SafetensorsFile;
import dev.verdict.tensor.SafetensorsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.OutputArchive;
import org.bytedeco.pytorch.Tensor;

/**
 * A run's checkpoints: {@code RUN/checkpoints/step-N/} holds a Hugging Face model directory (weights,
 * config, and the tokenizer / processor files copied from the base model) plus {@code trainer_state/}
 * ({@code optimizer.pt}, libtorch's serialized optimizer state, and {@code state.json}, the {@link
 * TrainerState}); {@code RUN/checkpoints/latest} names the newest one. Each checkpoint is written into a
 * temporary folder and renamed into place, and {@code latest} is replaced atomically, so a crash never leaves a
 * half-written checkpoint behind the {@code latest} pointer.
 */
public final class Checkpoints {
    /** The folder of a run that holds its checkpoints and the {@code latest} pointer. */
    public static final String DIR = "checkpoints";

    public static final String LATEST = "latest";
    /** Auxiliary trainable tensors of the trainer (not the model), inside {@code trainer_state/}. */
    public static final String AUX = "aux.safetensors";

    public static final List<String> MODEL_ASSETS = List.of(
            "tokenizer.json",
            "tokenizer_config.json",
            "chat_template.json",
            "preprocessor_config.json",
            PromptLayout.FILE);

    private Checkpoints() {}

    /**
     * Writes a checkpoint and points {@code latest} at it.
     *
     * @param assetsFrom a model directory whose tokenizer and processor files are copied along, or null
     * @return the checkpoint directory
     */
    public static Path save(Path runDir, QwenVL model, Optimizer optimizer, TrainerState state, Path assetsFrom) {
        return save(runDir, model, optimizer, state, assetsFrom, Map.of(), null, null);
    }

    /**
     * Writes a checkpoint with auxiliary trainable tensors that are not part of the model (a pretraining probe),
     * kept in {@code trainer_state/aux.safetensors}, the judge prompt layout the model was trained with ({@link
     * PromptLayout#FILE}) and the image processor config it was trained with ({@code preprocessor_config.json});
     * null keeps the file copied from {@code assetsFrom}, if any.
     */
    public static Path save(
            Path runDir,
            QwenVL model,
            Optimizer optimizer,
            TrainerState state,
            Path assetsFrom,
            Map<String, Tensor> aux,
            PromptLayout layout,
            ImageProcessorConfig images) {
        Path root = runDir.resolve(DIR);
        String name = "step-" + state.step();
        Path tmp = root.resolve("." + name + ".tmp");
        Path dest = root.resolve(name);
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp.resolve("trainer_state"));
            ModelFiles.save(model, tmp);
            copyAssets(assetsFrom, tmp);
            if (layout != null) {
                layout.write(tmp);
            }
            if (images != null) {
                PreprocessorConfigJson.write(images, tmp.resolve("preprocessor_config.json"));
            }
            OutputArchive archive = new OutputArchive();
            optimizer.save(archive);
            archive.save_to(tmp.resolve("trainer_state").resolve("optimizer.pt").toString());
            state.write(tmp.resolve("trainer_state").resolve("state.json"));
            if (!aux.isEmpty()) {
                Map<String, Tensor> detached = new LinkedHashMap<>();
                aux.forEach((k, v) -> detached.put(k, v.detach()));
                SafetensorsWriter.write(tmp.resolve("trainer_state").resolve(AUX), detached, Map.of());
            }
            deleteTree(dest);
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
            Path latestTmp = root.resolve("." + LATEST + ".tmp");
            Files.writeString(latestTmp, name + "\n");
            Files.move(
                    latestTmp,
                    root.resolve(LATEST),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return dest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + dest + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint {@code latest} names, if any. */
    public static Optional<Path> latest(Path runDir) {
        Path root = runDir.resolve(DIR);
        Path pointer = root.resolve(LATEST);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        try {
            Path dir = root.resolve(Files.readString(pointer).trim());
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(pointer + " names " + dir.getFileName() + ", which does not exist");
            }
            return Optional.of(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer, e);
        }
    }

    /** The auxiliary tensors saved with a checkpoint (empty when it has none). */
    public static Map<String, Tensor> aux(Path checkpoint) {
        Path file = checkpoint.resolve("trainer_state").resolve(AUX);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (String name : f.tensors().keySet()) {
                out.put(name, f.copy(name));
            }
            return out;
        }
    }

    public static TrainerState state(Path checkpoint) {
        return TrainerState.read(checkpoint.resolve("trainer_state").resolve("state.json"));
    }

    /** Restores optimizer moments and step counts into an optimizer built over the same parameters, in order. */
    public static void loadOptimizer(Path checkpoint, Optimizer optimizer) {
        Path file = checkpoint.resolve("trainer_state").resolve("optimizer.pt");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no optimizer state in " + checkpoint + " (expected " + file + ")");
        }
        InputArchive archive = new InputArchive();
        archive.load_from(file.toString());
        optimizer.load(archive);
    }

    private static void copyAssets(Path from, Path to) throws IOException {
        if (from == null) {
            return;
        }
        for (String name : MODEL_ASSETS) {
            Path src = from.resolve(name);
            if (Files.isRegularFile(src)) {
                Files.copy(src, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Deletes a folder and everything in it (nothing when it is absent). */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
