package dev.verdict.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessorConfigJsonTest {

    /** The preprocessor_config.json released with Qwen2.5-VL-7B-Instruct (same for 3B and 72B). */
    static final String RELEASED = """
            {
              "min_pixels": 3136,
              "max_pixels": 12845056,
              "patch_size": 14,
              "temporal_patch_size": 2,
              "merge_size": 2,
              "image_mean": [0.48145466, 0.4578275, 0.40821073],
              "image_std": [0.26862954, 0.26130258, 0.27577711],
              "image_processor_type": "Qwen2VLImageProcessor",
              "processor_class": "Qwen2_5_VLProcessor"
            }
            """;

    @TempDir
    Path dir;

    @Test
    void releasedValuesAreTheDefaults() throws IOException {
        Path file = dir.resolve("preprocessor_config.json");
        Files.writeString(file, RELEASED);
        ImageProcessorConfig config = ImageProcessorConfig.read(file);
        assertEquals(ImageProcessorConfig.DEFAULT, config);
        assertEquals(3136, config.minPixels());
        assertEquals(12845056, config.maxPixels());
        assertEquals(28, config.factor());
        assertEquals(1176, config.patchDim());
        assertArrayEquals(new double[] {0.48145466, 0.4578275, 0.40821073}, config.imageMean());
        assertArrayEquals(new double[] {0.26862954, 0.26130258, 0.27577711}, config.imageStd());
    }

    @Test
    void writeThenReadIsEqual() {
        ImageProcessorConfig custom = new ImageProcessorConfig(
                256 * 28 * 28, 1280 * 28 * 28, 14, 2, 2, new double[] {0.5, 0.5, 0.5}, new double[] {0.25, 0.5, 1});
        for (ImageProcessorConfig config : new ImageProcessorConfig[] {ImageProcessorConfig.DEFAULT, custom}) {
            Path file = dir.resolve("c.json");
            config.write(file);
            assertEquals(config, ImageProcessorConfig.read(file));
        }
    }

    @Test
    void writesHfKeys() throws IOException {
        JsonNode json = new ObjectMapper().readTree(ImageProcessorConfig.DEFAULT.toJson());
        assertEquals("Qwen2VLImageProcessor", json.get("image_processor_type").asText());
        assertEquals("Qwen2_5_VLProcessor", json.get("processor_class").asText());
        for (String key : new String[] {"do_resize", "do_rescale", "do_normalize", "do_convert_rgb"}) {
            assertTrue(json.get(key).booleanValue(), key);
        }
        assertEquals(3, json.get("resample").intValue());
        assertEquals(1 / 255.0, json.get("rescale_factor").doubleValue());
        assertEquals(3136, json.get("min_pixels").longValue());
        assertEquals(12845056, json.get("max_pixels").longValue());
        assertEquals(3136, json.get("size").get("shortest_edge").longValue());
        assertEquals(14, json.get("patch_size").intValue());
        assertEquals(2, json.get("temporal_patch_size").intValue());
        assertEquals(2, json.get("merge_size").intValue());
        assertEquals(0.4578275, json.get("image_mean").get(1).doubleValue());
        assertTrue(ImageProcessorConfig.DEFAULT.toJson().contains("\"rescale_factor\" : 0.00392156862745098"));
    }

    @Test
    void missingKeysTakeDefaultsAndSizeIsHonoured() {
        assertEquals(ImageProcessorConfig.DEFAULT, PreprocessorConfigJson.parse("{}", "x"));
        ImageProcessorConfig sized =
                PreprocessorConfigJson.parse("{\"size\": {\"shortest_edge\": 1000, \"longest_edge\": 200000}}", "x");
        assertEquals(1000, sized.minPixels());
        assertEquals(200000, sized.maxPixels());
        ImageProcessorConfig both =
                PreprocessorConfigJson.parse("{\"size\": {\"longest_edge\": 200000}, \"max_pixels\": 300000}", "x");
        assertEquals(300000, both.maxPixels()); // max_pixels wins over size, as in transformers
    }

    @Test
    void wrongTypeNamesTheKeyAndTheFile() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, RELEASED.replace("\"patch_size\": 14", "\"patch_size\": \"14\""));
        ImageException e = assertThrows(ImageException.class, () -> ImageProcessorConfig.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("'patch_size' must be an integer"), e.getMessage());
        assertBad("{\"image_mean\": [0.5, 0.5]}", "'image_mean' must be an array of 3 numbers");
        assertBad("{\"image_std\": [0.5, \"a\", 0.5]}", "'image_std'");
        assertBad("{\"do_resize\": \"yes\"}", "'do_resize' must be a boolean");
        assertBad("{\"min_pixels\": 3136.5}", "'min_pixels' must be an integer");
        assertBad("{\"size\": {\"longest_edge\": \"big\"}}", "'size.longest_edge'");
        assertBad("{\"size\": 5}", "'size' must be an object");
    }

    @Test
    void unsupportedSettingsAreRefused() {
        assertBad("{\"do_normalize\": false}", "'do_normalize' is false");
        assertBad("{\"resample\": 2}", "only bicubic");
        assertBad("{\"rescale_factor\": 0.5}", "only 1/255");
        assertBad("{\"min_pixels\": 5000, \"max_pixels\": 4000}", "max_pixels");
        assertBad("{\"image_std\": [0.5, 0, 0.5]}", "non-zero");
        assertBad("[1, 2]", "JSON object");
        assertBad("{\"patch_size\": ", "not valid JSON");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("none.json");
        ImageException e = assertThrows(ImageException.class, () -> ImageProcessorConfig.read(missing));
        assertEquals(missing + ": file not found", e.getMessage());
    }

    private static void assertBad(String json, String fragment) {
        ImageException e = assertThrows(ImageException.class, () -> PreprocessorConfigJson.parse(json, "cfg.json"));
        assertTrue(e.getMessage().startsWith("cfg.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
    }
}
