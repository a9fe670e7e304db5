package dev.verdict.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.Device;
import dev.verdict.tensor.SafetensorsCheckpoint;
import dev.verdict.tensor.TensorInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.Tensor;

/**
 * Loads and saves Hugging Face Qwen2.5-VL model directories: {@code config.json}, {@code
 * generation_config.json} and safetensors weights (single file or sharded with an index), in either tensor
 * naming. Saving writes the legacy naming of the published checkpoints.
 */
public final class ModelFiles {
    public static final long DEFAULT_SHARD_BYTES = 5L << 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFiles() {}

    /** Loads {@code dir} in the checkpoint's own dtype on the CPU. */
    public static QwenVL load(Path dir) {
        return load(dir, null, Device.CPU);
    }

    /**
     * @param dtype the compute dtype, or null for the config's {@code torch_dtype}
     */
    public static QwenVL load(Path dir, DType dtype, Device device) {
        Path cfgFile = dir.resolve("config.json");
        if (!Files.isRegularFile(cfgFile)) {
            throw new IllegalArgumentException("not a model directory (no config.json): " + dir);
        }
        ModelConfig config = ConfigJson.read(cfgFile);
        if (config.modelType().equals(ModelConfig.QWEN2_VL)) {
            throw new IllegalArgumentException(
                    cfgFile
                            + ": Qwen2-VL checkpoints parse but their vision tower (LayerNorm, fc1/fc2) is not implemented; use a Qwen2.5-VL checkpoint");
        }
        DType target = dtype == null ? config.dtype() : dtype;
        SafetensorsCheckpoint ckpt = SafetensorsCheckpoint.open(dir);
        try {
            Map<String, String> byLegacy = new LinkedHashMap<>();
            for (String name : ckpt.names()) {
                byLegacy.put(TensorNames.toLegacy(name), name);
            }
            Map<String, Tensor> params = new LinkedHashMap<>();
            Set<String> used = new HashSet<>();
            for (ParamSpec spec : ParamSpec.of(config)) {
                String stored = byLegacy.get(spec.name());
                if (stored == null) {
                    throw new IllegalArgumentException(
                            dir + ": missing tensor " + spec.name() + " (or " + TensorNames.toNew(spec.name()) + ")");
                }
                TensorInfo info = ckpt.info(stored);
                if (!Arrays.equals(info.shape(), spec.shape())) {
                    throw new IllegalArgumentException(
                            dir + ": tensor " + stored + " has shape " + Arrays.toString(info.shape())
                                    + " but config.json implies " + Arrays.toString(spec.shape()));
                }
                params.put(spec.name(), place(ckpt, stored, info, target, device));
                used.add(stored);
            }
            List<String> extra = new ArrayList<>();
            for (String n : ckpt.names()) {
                if (!used.contains(n)
                        && !(n.equals("lm_head.weight") && config.text().tieWordEmbeddings())) {
                    extra.add(n);
                }
            }
            if (!extra.isEmpty()) {
                throw new IllegalArgumentException(dir + ": " + extra.size()
                        + " tensors the config does not describe, e.g. " + extra.subList(0, Math.min(3, extra.size())));
            }
            return new QwenVL(config.with("dtype", target), params, ckpt);
        } catch (RuntimeException e) {
            ckpt.close();
            throw e;
        }
    }

    /** A zero-copy view when dtype and device already match, else a converted copy. */
    private static Tensor place(SafetensorsCheckpoint ckpt, String name, TensorInfo info, DType dtype, Device device) {
        if (info.dtype() == dtype && device.kind() == Device.Kind.CPU) {
            return ckpt.view(name);
        }
        Tensor t = ckpt.view(name);
        Tensor converted = t.to(device.toTorch(), dtype.scalarType());
        t.close();
        return converted;
    }

    /** Writes config, generation config and weights (legacy names, the model's dtype) into {@code dir}. */
    public static void save(QwenVL model, Path dir) {
        save(model, dir, DEFAULT_SHARD_BYTES);
    }

    public static void save(QwenVL model, Path dir, long maxShardBytes) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        ModelConfig c = model.config().with("dtype", model.dtype());
        ConfigJson.write(c, dir.resolve("config.json"));
        writeGenerationConfig(c, dir.resolve("generation_config.json"));
        Map<String, Tensor> out = new LinkedHashMap<>();
        model.parameters().forEach((k, v) -> out.put(k, v.detach()));
        SafetensorsCheckpoint.save(dir, out, maxShardBytes);
    }

    private static void writeGenerationConfig(ModelConfig c, Path file) {
        ObjectNode g = JSON.createObjectNode();
        g.put("bos_token_id", c.bosTokenId());
        g.put("pad_token_id", c.bosTokenId());
        g.putArray("eos_token_id").add(c.eosTokenId()).add(c.bosTokenId());
        g.put("do_sample", false);
        g.put("transformers_version", "4.51.3");
        try {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(g));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Describes the parameters of a config: total count and bytes at a dtype. */
    public static String summary(ModelConfig c) {
        long n = ParamSpec.of(c).stream().mapToLong(ParamSpec::numel).sum();
        return String.format(
                "%,d parameters (%s: %.1f MB)",
                n, c.dtype(), n * (double) c.dtype().bytes() / 1e6);
    }
}
