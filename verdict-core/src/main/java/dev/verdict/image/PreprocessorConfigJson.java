package dev.verdict.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads and writes Hugging Face {@code preprocessor_config.json} files for {@link ImageProcessorConfig}.
 *
 * <p>Keys are HF's. Missing keys take the released Qwen2.5-VL values; {@code min_pixels} and
 * {@code max_pixels} win over {@code size.shortest_edge} / {@code size.longest_edge}, as in
 * transformers. A value of the wrong type, or a setting this processor does not implement
 * (e.g. {@code do_normalize: false}, a resample filter other than bicubic), is an {@link
 * ImageException} naming the key and the file. Unknown keys are ignored.
 */
public final class PreprocessorConfigJson {

    /** Python's {@code 1 / 255}, the only rescale factor the processor implements. */
    public static final double RESCALE_FACTOR = 1.0 / 255.0;

    /** PIL's code for bicubic resampling. */
    public static final int RESAMPLE_BICUBIC = 3;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PreprocessorConfigJson() {}

    /** Reads {@code file}; errors name the file. */
    public static ImageProcessorConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ImageException(file.toString(), ImageException.Reason.NOT_FOUND, "file not found", e);
        } catch (IOException e) {
            throw new ImageException(
                    file.toString(), ImageException.Reason.NOT_READABLE, "cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses the JSON text of a {@code preprocessor_config.json}; {@code source} labels errors. */
    public static ImageProcessorConfig parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ImageException(
                    source, ImageException.Reason.INVALID_CONFIG, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ImageException(
                    source, ImageException.Reason.INVALID_CONFIG, "a preprocessor config must be a JSON object");
        }
        checkSupported(root, source);
        ImageProcessorConfig d = ImageProcessorConfig.DEFAULT;
        JsonNode size = root.path("size");
        if (!size.isMissingNode() && !size.isNull() && !size.isObject()) {
            throw typeError(source, "size", "an object", size);
        }
        long minFromSize = longAt(size, "shortest_edge", "size.shortest_edge", source, d.minPixels());
        long maxFromSize = longAt(size, "longest_edge", "size.longest_edge", source, d.maxPixels());
        try {
            return new ImageProcessorConfig(
                    longAt(root, "min_pixels", "min_pixels", source, minFromSize),
                    longAt(root, "max_pixels", "max_pixels", source, maxFromSize),
                    intAt(root, "patch_size", source, d.patchSize()),
                    intAt(root, "temporal_patch_size", source, d.temporalPatchSize()),
                    intAt(root, "merge_size", source, d.mergeSize()),
                    triple(root, "image_mean", source, d.imageMean()),
                    triple(root, "image_std", source, d.imageStd()));
        } catch (IllegalArgumentException e) {
            throw new ImageException(source, ImageException.Reason.INVALID_CONFIG, e.getMessage(), e);
        }
    }

    /** Writes {@code config} to {@code file} with HF's key names, sorted as HF writes them. */
    public static void write(ImageProcessorConfig config, Path file) {
        try {
            Files.writeString(file, toJson(config), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ImageException(
                    file.toString(), ImageException.Reason.NOT_READABLE, "cannot write: " + e.getMessage(), e);
        }
    }

    /** The JSON text of a {@code preprocessor_config.json} for {@code config}. */
    public static String toJson(ImageProcessorConfig config) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("do_convert_rgb", true);
        root.put("do_normalize", true);
        root.put("do_rescale", true);
        root.put("do_resize", true);
        putArray(root, "image_mean", config.imageMean());
        root.put("image_processor_type", "Qwen2VLImageProcessor");
        putArray(root, "image_std", config.imageStd());
        root.put("max_pixels", config.maxPixels());
        root.put("merge_size", config.mergeSize());
        root.put("min_pixels", config.minPixels());
        root.put("patch_size", config.patchSize());
        root.put("processor_class", "Qwen2_5_VLProcessor");
        root.put("resample", RESAMPLE_BICUBIC);
        root.put("rescale_factor", RESCALE_FACTOR);
        ObjectNode size = root.putObject("size");
        size.put("longest_edge", config.maxPixels());
        size.put("shortest_edge", config.minPixels());
        root.put("temporal_patch_size", config.temporalPatchSize());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    private static void putArray(ObjectNode root, String key, double[] values) {
        ArrayNode array = root.putArray(key);
        for (double v : values) {
            array.add(v);
        }
    }

    /** Rejects settings the processor does not implement, so a config is never silently misread. */
    private static void checkSupported(JsonNode root, String source) {
        for (String key : new String[] {"do_resize", "do_rescale", "do_normalize", "do_convert_rgb"}) {
            JsonNode v = root.path(key);
            if (v.isMissingNode() || v.isNull()) {
                continue;
            }
            if (!v.isBoolean()) {
                throw typeError(source, key, "a boolean", v);
            }
            if (!v.booleanValue()) {
                throw new ImageException(
                        source,
                        ImageException.Reason.INVALID_CONFIG,
                        "key '" + key + "' is false, but verdict's image processor always"
                                + " applies this step (it matches the released Qwen2.5-VL processor)");
            }
        }
        int resample = intAt(root, "resample", source, RESAMPLE_BICUBIC);
        if (resample != RESAMPLE_BICUBIC) {
            throw new ImageException(
                    source,
                    ImageException.Reason.INVALID_CONFIG,
                    "key 'resample' is " + resample + ", but only bicubic (3) is implemented");
        }
        JsonNode factor = root.path("rescale_factor");
        if (!factor.isMissingNode() && !factor.isNull()) {
            if (!factor.isNumber()) {
                throw typeError(source, "rescale_factor", "a number", factor);
            }
            if (Math.abs(factor.doubleValue() - RESCALE_FACTOR) > 1e-12) {
                throw new ImageException(
                        source,
                        ImageException.Reason.INVALID_CONFIG,
                        "key 'rescale_factor' is " + factor.doubleValue() + ", but only 1/255 is implemented");
            }
        }
    }

    private static int intAt(JsonNode root, String key, String source, int fallback) {
        long v = longAt(root, key, key, source, fallback);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ImageException(
                    source, ImageException.Reason.INVALID_CONFIG, "key '" + key + "' is out of range: " + v);
        }
        return (int) v;
    }

    private static long longAt(JsonNode parent, String key, String displayKey, String source, long fallback) {
        JsonNode v = parent.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isFloatingPointNumber()
                && v.doubleValue() == Math.rint(v.doubleValue())
                && Math.abs(v.doubleValue()) < 0x1p53) {
            return (long) v.doubleValue();
        }
        throw typeError(source, displayKey, "an integer", v);
    }

    private static double[] triple(JsonNode root, String key, String source, double[] fallback) {
        JsonNode v = root.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (v.isNumber()) {
            // transformers also accepts one number for all channels
            return new double[] {v.doubleValue(), v.doubleValue(), v.doubleValue()};
        }
        if (!v.isArray() || v.size() != 3) {
            throw typeError(source, key, "an array of 3 numbers", v);
        }
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            if (!v.get(i).isNumber()) {
                throw typeError(source, key, "an array of 3 numbers", v);
            }
            out[i] = v.get(i).doubleValue();
        }
        return out;
    }

    private static ImageException typeError(String source, String key, String expected, JsonNode got) {
        return new ImageException(
                source,
                ImageException.Reason.INVALID_CONFIG,
                "key '" + key + "' must be " + expected + ", got "
                        + got.getNodeType().name().toLowerCase(Locale.ROOT) + " " + got);
    }
}
