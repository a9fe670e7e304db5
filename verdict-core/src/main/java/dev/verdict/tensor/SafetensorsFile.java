package dev.verdict.tensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A {@code .safetensors} file: an 8-byte little-endian header length, a JSON header naming each tensor's
 * dtype, shape and byte range, then the raw little-endian data.
 *
 * <p>{@link #view} maps a tensor's bytes copy-on-write and wraps them without copying: the page cache backs
 * the weights and only touched pages become resident. Views stay valid while this object is reachable; keep
 * it alive as long as the views (the model loader does). {@link #copy} reads into tensor-owned memory.
 */
public final class SafetensorsFile implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;
    private static final long MAX_MAP = Integer.MAX_VALUE;

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;
    private final boolean writableChannel;
    private final List<MappedByteBuffer> mappings = Collections.synchronizedList(new ArrayList<>());

    private SafetensorsFile(
            Path path,
            FileChannel channel,
            long dataStart,
            Map<String, TensorInfo> tensors,
            Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
        this.writableChannel = isWritable(channel);
    }

    private static boolean isWritable(FileChannel ch) {
        try {
            ch.write(ByteBuffer.allocate(0), 0);
            return true;
        } catch (IOException | NonWritableChannelException e) {
            return false;
        }
    }

    /** Opens and validates the header of {@code path}. */
    public static SafetensorsFile open(Path path) {
        FileChannel ch = null;
        try {
            ch = openChannel(path);
            long size = ch.size();
            if (size < 8) {
                throw bad(path, "file is shorter than the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw bad(path, "header length " + headerLen + " does not fit the file (" + size + " bytes)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(ch, header, 8);
            JsonNode root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLen;
            Map<String, String> meta = new LinkedHashMap<>();
            Map<String, TensorInfo> infos = parseHeader(path, root, size - dataStart, meta);
            return new SafetensorsFile(
                    path, ch, dataStart, Collections.unmodifiableMap(infos), Collections.unmodifiableMap(meta));
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("cannot read safetensors file " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /**
     * Copy-on-write mappings need a channel open for reading and writing (nothing is ever written: changes to
     * a private mapping stay in memory). A read-only file gets a read-only channel and views become copies.
     */
    private static FileChannel openChannel(Path path) throws IOException {
        if (Files.isWritable(path)) {
            try {
                return FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                // fall through to read-only
            }
        }
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    private static Map<String, TensorInfo> parseHeader(
            Path path, JsonNode root, long dataLen, Map<String, String> meta) {
        if (root == null || !root.isObject()) {
            throw bad(path, "header is not a JSON object");
        }
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        for (var it = root.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("__metadata__")) {
                e.getValue()
                        .properties()
                        .forEach(m -> meta.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            infos.put(e.getKey(), parseEntry(path, e.getKey(), e.getValue(), dataLen));
        }
        return infos;
    }

    private static TensorInfo parseEntry(Path path, String name, JsonNode n, long dataLen) {
        JsonNode dt = n.get("dtype");
        JsonNode sh = n.get("shape");
        JsonNode off = n.get("data_offsets");
        if (dt == null || sh == null || off == null || !sh.isArray() || !off.isArray() || off.size() != 2) {
            throw bad(path, "tensor \"" + name + "\" needs dtype, shape and data_offsets [begin, end]");
        }
        DType dtype;
        try {
            dtype = DType.fromSafetensors(dt.asText());
        } catch (IllegalArgumentException e) {
            throw bad(path, "tensor \"" + name + "\": " + e.getMessage());
        }
        long[] shape = new long[sh.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = sh.get(i).asLong(-1);
            if (shape[i] < 0) {
                throw bad(path, "tensor \"" + name + "\" has a negative or non-integer dimension");
            }
        }
        TensorInfo info = new TensorInfo(
                name, dtype, shape, off.get(0).asLong(), off.get(1).asLong());
        if (info.begin() < 0 || info.end() < info.begin() || info.end() > dataLen) {
            throw bad(
                    path,
                    "tensor \"" + name + "\" data_offsets " + off + " fall outside the data (" + dataLen + " bytes)");
        }
        if (info.byteSize() != info.numel() * dtype.bytes()) {
            throw bad(
                    path,
                    "tensor \"" + name + "\" has " + info.byteSize() + " bytes but its shape needs "
                            + info.numel() * dtype.bytes());
        }
        return info;
    }

    public Path path() {
        return path;
    }

    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public TensorInfo info(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new IllegalArgumentException("tensor \"" + name + "\" not in " + path);
        }
        return info;
    }

    /** A zero-copy CPU tensor over the mapped bytes (falls back to {@link #copy} above 2 GiB). */
    public Tensor view(String name) {
        TensorInfo info = info(name);
        if (info.byteSize() == 0 || info.byteSize() > MAX_MAP || !writableChannel) {
            return copy(name);
        }
        try {
            MappedByteBuffer buf = channel.map(FileChannel.MapMode.PRIVATE, dataStart + info.begin(), info.byteSize());
            mappings.add(buf);
            return torch.from_blob(new BytePointer(buf), info.shape(), Tensors.options(info.dtype()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map tensor \"" + name + "\" of " + path, e);
        }
    }

    /** The tensor read into memory it owns. */
    public Tensor copy(String name) {
        TensorInfo info = info(name);
        Tensor t = Tensors.empty(info.dtype(), Device.CPU, info.shape());
        long done = 0;
        BytePointer base = new BytePointer(t.data_ptr());
        try {
            while (done < info.byteSize()) {
                long chunk = Math.min(1L << 30, info.byteSize() - done);
                ByteBuffer dst =
                        new BytePointer(base).position(done).limit(done + chunk).asBuffer();
                readFully(channel, dst, dataStart + info.begin() + done);
                done += chunk;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tensor \"" + name + "\" of " + path, e);
        }
        return t;
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    private static IllegalArgumentException bad(Path path, String why) {
        return new IllegalArgumentException("invalid safetensors file " + path + ": " + why);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the open failed already; that error is the one to report
            }
        }
    }

    /** Closes the file handle; mapped views stay valid while this object is reachable. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
