package dev.verdict.tensor;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;

/** Creation, conversion and inspection of libtorch tensors, so the rest of verdict reads like PyTorch. */
public final class Tensors {
    private Tensors() {}

    public static TensorOptions options(DType dtype, Device device) {
        return new TensorOptions(dtype.scalarType()).device(new DeviceOptional(device.toTorch()));
    }

    public static TensorOptions options(DType dtype) {
        return new TensorOptions(dtype.scalarType());
    }

    public static Tensor zeros(DType dtype, long... shape) {
        return torch.zeros(shape, options(dtype));
    }

    public static Tensor ones(DType dtype, long... shape) {
        return torch.ones(shape, options(dtype));
    }

    public static Tensor empty(DType dtype, Device device, long... shape) {
        return torch.empty(shape, options(dtype, device), new MemoryFormatOptional());
    }

    public static Tensor full(DType dtype, double value, long... shape) {
        return torch.full(shape, new Scalar(value), options(dtype));
    }

    /** A float32 CPU tensor holding a copy of {@code data}, viewed as {@code shape}. */
    public static Tensor of(float[] data, long... shape) {
        checkCount(data.length, shape);
        Tensor t = empty(DType.F32, Device.CPU, shape);
        new FloatPointer(t.data_ptr()).put(data);
        return t;
    }

    /** An int64 CPU tensor holding a copy of {@code data}, viewed as {@code shape}. */
    public static Tensor ofLongs(long[] data, long... shape) {
        checkCount(data.length, shape);
        Tensor t = empty(DType.I64, Device.CPU, shape);
        new LongPointer(t.data_ptr()).put(data);
        return t;
    }

    /** An int32 CPU tensor holding a copy of {@code data}, viewed as {@code shape}. */
    public static Tensor ofInts(int[] data, long... shape) {
        checkCount(data.length, shape);
        Tensor t = empty(DType.I32, Device.CPU, shape);
        new IntPointer(t.data_ptr()).put(data);
        return t;
    }

    /** A bool CPU tensor holding a copy of {@code data}, viewed as {@code shape}. */
    public static Tensor ofBools(boolean[] data, long... shape) {
        checkCount(data.length, shape);
        byte[] bytes = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            bytes[i] = (byte) (data[i] ? 1 : 0);
        }
        Tensor t = empty(DType.BOOL, Device.CPU, shape);
        new BytePointer(t.data_ptr()).put(bytes);
        return t;
    }

    public static Tensor scalar(double v) {
        return torch.scalar_tensor(new Scalar(v), options(DType.F32));
    }

    /** The values of {@code t} as float32, in row-major order (copies to the CPU if needed). */
    public static float[] toFloats(Tensor t) {
        Tensor c = cpuContiguous(t, DType.F32);
        float[] out = new float[Math.toIntExact(c.numel())];
        new FloatPointer(c.data_ptr()).get(out);
        return out;
    }

    /** The values of an integer tensor as int64, in row-major order. */
    public static long[] toLongs(Tensor t) {
        Tensor c = cpuContiguous(t, DType.I64);
        long[] out = new long[Math.toIntExact(c.numel())];
        new LongPointer(c.data_ptr()).get(out);
        return out;
    }

    public static double item(Tensor t) {
        return t.to(DType.F64.scalarType()).item().toDouble();
    }

    public static long[] shape(Tensor t) {
        return t.sizes().vec().get();
    }

    public static DType dtype(Tensor t) {
        return DType.of(t.scalar_type());
    }

    public static String describe(Tensor t) {
        return dtype(t) + Arrays.toString(shape(t));
    }

    public static TensorVector vector(List<Tensor> tensors) {
        return new TensorVector(tensors.toArray(new Tensor[0]));
    }

    public static TensorVector vector(Tensor... tensors) {
        return new TensorVector(tensors);
    }

    public static Tensor cat(int dim, Tensor... tensors) {
        return torch.cat(vector(tensors), dim);
    }

    public static Tensor cat(int dim, List<Tensor> tensors) {
        return torch.cat(vector(tensors), dim);
    }

    public static Tensor stack(int dim, List<Tensor> tensors) {
        return torch.stack(vector(tensors), dim);
    }

    public static Tensor to(Tensor t, DType dtype) {
        return dtype(t) == dtype ? t : t.to(dtype.scalarType());
    }

    public static ScalarTypeOptional optional(DType dtype) {
        return new ScalarTypeOptional(dtype.scalarType());
    }

    /** Raw address of the first element (for bulk copies); the tensor must be contiguous. */
    public static Pointer data(Tensor t) {
        if (!t.is_contiguous()) {
            throw new IllegalArgumentException("tensor must be contiguous: " + describe(t));
        }
        return t.data_ptr();
    }

    private static Tensor cpuContiguous(Tensor t, DType dtype) {
        Tensor c = t;
        if (c.device().type() != DeviceType.CPU) {
            c = c.to(Device.CPU.toTorch(), c.scalar_type());
        }
        return to(c.detach(), dtype).contiguous();
    }

    private static void checkCount(int n, long[] shape) {
        long count = 1;
        for (long s : shape) {
            count *= s;
        }
        if (count != n) {
            throw new IllegalArgumentException(n + " values do not fill shape " + Arrays.toString(shape));
        }
    }
}
