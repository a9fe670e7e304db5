package dev.verdict.tensor;

import java.util.Locale;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Element types verdict stores and computes in, with their libtorch and safetensors names. */
public enum DType {
    F32(ScalarType.Float, "F32", 4),
    BF16(ScalarType.BFloat16, "BF16", 2),
    F16(ScalarType.Half, "F16", 2),
    F64(ScalarType.Double, "F64", 8),
    I64(ScalarType.Long, "I64", 8),
    I32(ScalarType.Int, "I32", 4),
    I16(ScalarType.Short, "I16", 2),
    I8(ScalarType.Char, "I8", 1),
    U8(ScalarType.Byte, "U8", 1),
    BOOL(ScalarType.Bool, "BOOL", 1);

    private final ScalarType scalarType;
    private final String safetensorsName;
    private final int bytes;

    DType(ScalarType scalarType, String safetensorsName, int bytes) {
        this.scalarType = scalarType;
        this.safetensorsName = safetensorsName;
        this.bytes = bytes;
    }

    public ScalarType scalarType() {
        return scalarType;
    }

    /** The dtype string in a safetensors header ({@code "BF16"}, {@code "F32"}, ...). */
    public String safetensorsName() {
        return safetensorsName;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isFloatingPoint() {
        return this == F32 || this == BF16 || this == F16 || this == F64;
    }

    public static DType of(ScalarType t) {
        for (DType d : values()) {
            if (d.scalarType.value == t.value) {
                return d;
            }
        }
        throw new IllegalArgumentException("unsupported libtorch dtype " + t);
    }

    public static DType fromSafetensors(String name) {
        for (DType d : values()) {
            if (d.safetensorsName.equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unsupported safetensors dtype \"" + name + "\"");
    }

    /**
     * Parses a user-facing or config name: {@code f32}/{@code float32}, {@code bf16}/{@code bfloat16},
     * {@code f16}/{@code float16}.
     */
    public static DType parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "f32", "fp32", "float32", "float" -> F32;
            case "bf16", "bfloat16" -> BF16;
            case "f16", "fp16", "float16", "half" -> F16;
            default -> throw new IllegalArgumentException("unknown dtype \"" + name + "\" (use f32, bf16 or f16)");
        };
    }

    /** The Hugging Face {@code torch_dtype} spelling ({@code float32}, {@code bfloat16}, {@code float16}). */
    public String hfName() {
        return switch (this) {
            case F32 -> "float32";
            case BF16 -> "bfloat16";
            case F16 -> "float16";
            case F64 -> "float64";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }
}
