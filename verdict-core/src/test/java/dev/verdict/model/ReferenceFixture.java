package dev.verdict.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.image.ImageProcessorConfig;
import dev.verdict.image.PreprocessorConfigJson;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.SafetensorsCheckpoint;
import dev.verdict.tensor.Tensors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.bytedeco.pytorch.Tensor;

/**
 * The inputs of the transformers parity check ({@code HfParityTest}): the micro Qwen2.5-VL with weights drawn from
 * {@link java.util.Random} (whose sequence the JDK specifies, so every machine draws the same ones), a 90 x 120 test
 * image and a two-row batch (the image prompt, and a text-only prompt left-padded to its length).
 *
 * <p>{@code scripts/reference/qwen2_5_vl_golden.py} reads the folder {@link #main} writes, runs Hugging Face
 * transformers on it and writes the golden tensors the test compares against.
 */
final class ReferenceFixture {
    static final int HEIGHT = 90;
    static final int WIDTH = 120;
    /** 90 x 120 resizes to 84 x 112: a (1, 6, 8) patch grid, 12 merged tokens in 2 x 2 windows (some padded). */
    static final int IMAGE_TOKENS = 12;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceFixture() {}

    static ModelConfig config() {
        return TestModels.micro(DType.F32);
    }

    /**
     * Weights large enough that every path moves the logits: matrices ~ N(0, 1/in), biases ~ N(0, 0.1^2), norm
     * weights ~ 1 + N(0, 0.2^2), embeddings ~ N(0, 1).
     */
    static Map<String, Tensor> weights(ModelConfig c) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        long seed = 20261206;
        for (ParamSpec p : ParamSpec.of(c)) {
            Random r = new Random(seed++);
            float[] v = new float[(int) p.numel()];
            boolean embedding = p.name().endsWith("embed_tokens.weight");
            long fanIn = p.shape().length > 1 ? p.numel() / p.shape()[0] : 1;
            for (int i = 0; i < v.length; i++) {
                double g = r.nextGaussian();
                v[i] = (float)
                        switch (p.init()) {
                            case ONES -> 1 + 0.2 * g;
                            case ZEROS -> 0.1 * g;
                            case NORMAL -> embedding ? g : g / Math.sqrt(fanIn);
                        };
            }
            out.put(p.name(), Tensors.of(v, p.shape()));
        }
        return out;
    }

    /** Smooth gradients with sharp-edged blocks, so both the resampling and the patch order matter. */
    static BufferedImage image() {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int r = (x * 2 + y) % 256;
                int g = (int) (127 + 120 * Math.sin(x / 9.0) * Math.cos(y / 7.0));
                int b = ((x / 15 + y / 15) % 2 == 0) ? 230 : 20;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    /** [2][S]: row 0 text, an image slot, text; row 1 text only, left-padded with id 0. */
    static long[][] ids() {
        ModelConfig c = config();
        long[] head = {10, 11, 12, 13, 14};
        long[] tail = {20, 21, 22, 23, 24, 25, 26};
        int length = head.length + IMAGE_TOKENS + 2 + tail.length;
        long[][] ids = new long[2][length];
        int k = 0;
        for (long t : head) {
            ids[0][k++] = t;
        }
        ids[0][k++] = c.visionStartTokenId();
        for (int i = 0; i < IMAGE_TOKENS; i++) {
            ids[0][k++] = c.imageTokenId();
        }
        ids[0][k++] = c.visionEndTokenId();
        for (long t : tail) {
            ids[0][k++] = t;
        }
        int textOnly = 11;
        for (int i = 0; i < textOnly; i++) {
            ids[1][length - textOnly + i] = 30 + (i * 7) % 33;
        }
        return ids;
    }

    /** [2][S]: true for real tokens. */
    static boolean[][] mask() {
        long[][] ids = ids();
        boolean[][] mask = new boolean[2][ids[0].length];
        Arrays.fill(mask[0], true);
        for (int i = 0; i < ids[1].length; i++) {
            mask[1][i] = ids[1][i] != 0;
        }
        return mask;
    }

    /** Writes config.json, model.safetensors, preprocessor_config.json, image.png and inputs.json into {@code dir}. */
    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        ModelConfig c = config();
        ConfigJson.write(c, dir.resolve("config.json"));
        SafetensorsCheckpoint.save(dir, weights(c), ModelFiles.DEFAULT_SHARD_BYTES);
        PreprocessorConfigJson.write(ImageProcessorConfig.DEFAULT, dir.resolve("preprocessor_config.json"));
        ImageIO.write(image(), "png", dir.resolve("image.png").toFile());
        ObjectNode inputs = JSON.createObjectNode();
        ArrayNode rows = inputs.putArray("input_ids");
        ArrayNode masks = inputs.putArray("attention_mask");
        long[][] ids = ids();
        boolean[][] mask = mask();
        for (int b = 0; b < ids.length; b++) {
            ArrayNode row = rows.addArray();
            ArrayNode m = masks.addArray();
            for (int i = 0; i < ids[b].length; i++) {
                row.add(ids[b][i]);
                m.add(mask[b][i] ? 1 : 0);
            }
        }
        Files.writeString(
                dir.resolve("inputs.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(inputs));
    }

    public static void main(String[] args) {
        try {
            write(Path.of(args[0]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
