package dev.verdict.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> sample() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("a.weight", Tensors.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        m.put("b.bf16", Tensors.of(new float[] {0.5f, -1.25f, 3.0f}, 3).to(DType.BF16.scalarType()));
        m.put("c.ids", Tensors.ofLongs(new long[] {7, -8}, 2));
        m.put("d.empty", Tensors.zeros(DType.F32, 0, 4));
        return m;
    }

    @Test
    void roundTripKeepsNamesShapesDtypesAndValues() {
        Path file = dir.resolve("x.safetensors");
        SafetensorsWriter.write(file, sample(), Map.of("format", "pt"));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(
                    List.of("a.weight", "b.bf16", "c.ids", "d.empty"),
                    List.copyOf(f.tensors().keySet()));
            assertEquals("pt", f.metadata().get("format"));
            assertEquals(DType.BF16, f.info("b.bf16").dtype());
            assertArrayEquals(new long[] {2, 3}, Tensors.shape(f.view("a.weight")));
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, Tensors.toFloats(f.view("a.weight")));
            assertArrayEquals(new float[] {0.5f, -1.25f, 3.0f}, Tensors.toFloats(f.copy("b.bf16")));
            assertArrayEquals(new long[] {7, -8}, Tensors.toLongs(f.view("c.ids")));
            assertEquals(0, f.view("d.empty").numel());
        }
    }

    @Test
    void headerIsPaddedToEightBytesAndDataOffsetsAreContiguous() throws Exception {
        Path file = dir.resolve("x.safetensors");
        SafetensorsWriter.write(file, sample(), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        long headerLen =
                ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLen % 8);
        String header = new String(bytes, 8, (int) headerLen, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"a.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}"), header);
        assertTrue(header.contains("\"b.bf16\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[24,30]}"), header);
        assertEquals(8 + headerLen + 24 + 6 + 16, bytes.length);
    }

    @Test
    void viewOfAMappedTensorIsCopyOnWrite() throws Exception {
        Path file = dir.resolve("x.safetensors");
        SafetensorsWriter.write(file, sample(), Map.of());
        byte[] before = Files.readAllBytes(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            Tensor v = f.view("a.weight");
            v.mul_(new Scalar(10));
            assertArrayEquals(new float[] {10, 20, 30, 40, 50, 60}, Tensors.toFloats(v));
        }
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void shardedSaveWritesAnIndexAndLoadsBack() throws Exception {
        Map<String, Tensor> m = sample();
        SafetensorsCheckpoint.save(dir, m, 30);
        assertTrue(Files.exists(dir.resolve(SafetensorsCheckpoint.INDEX)));
        assertFalse(Files.exists(dir.resolve(SafetensorsCheckpoint.SINGLE)));
        assertTrue(Files.exists(dir.resolve("model-00001-of-00002.safetensors")));
        String index = Files.readString(dir.resolve(SafetensorsCheckpoint.INDEX));
        assertTrue(index.contains("\"total_size\" : 46"), index);
        try (SafetensorsCheckpoint c = SafetensorsCheckpoint.open(dir)) {
            assertEquals(m.keySet(), c.names());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, Tensors.toFloats(c.view("a.weight")));
            assertArrayEquals(new long[] {7, -8}, Tensors.toLongs(c.copy("c.ids")));
        }
        // saving again unsharded removes the stale shards
        SafetensorsCheckpoint.save(dir, m, 1L << 30);
        assertFalse(Files.exists(dir.resolve(SafetensorsCheckpoint.INDEX)));
        assertFalse(Files.exists(dir.resolve("model-00001-of-00002.safetensors")));
        try (SafetensorsCheckpoint c = SafetensorsCheckpoint.open(dir)) {
            assertEquals(4, c.names().size());
        }
    }

    @Test
    void corruptFilesAreClearErrorsNamingTheFile() throws Exception {
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        var e1 = assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.open(tiny));
        assertTrue(e1.getMessage().contains(tiny.toString()), e1.getMessage());

        Path file = dir.resolve("x.safetensors");
        SafetensorsWriter.write(file, sample(), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 10));
        var e2 = assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.open(truncated));
        assertTrue(e2.getMessage().contains("fall outside the data"), e2.getMessage());

        Path badLen = dir.resolve("badlen.safetensors");
        byte[] copy = bytes.clone();
        copy[7] = 0x7f;
        Files.write(badLen, copy);
        var e3 = assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.open(badLen));
        assertTrue(e3.getMessage().contains("header length"), e3.getMessage());

        var e4 = assertThrows(IllegalArgumentException.class, () -> SafetensorsCheckpoint.open(dir.resolve("none")));
        assertTrue(e4.getMessage().contains("no model.safetensors"), e4.getMessage());
    }
}
